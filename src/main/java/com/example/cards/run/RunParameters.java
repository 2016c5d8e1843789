package com.example.cards.run;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.regex.Pattern;

import com.example.cards.request.InputEncoding;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * The job parameters every job shares, their names and how they are read. {@code batchId}
 * with {@code runDate} (or, for reruns, {@code rerun}) identifies a job instance; there
 * is no incrementer, so a failed instance is restarted by launching it again with the
 * same identifying parameters.
 */
public final class RunParameters {

    public static final String BATCH_ID = "batchId";

    public static final String RUN_DATE = "runDate";

    public static final String INPUT_FILE = "inputFile";

    public static final String ENCODING = "encoding";

    public static final String OUTPUT_DIR = "outputDir";

    /** Reruns: the rerun's number within its batch (1, 2, ...), chosen at launch. */
    public static final String RERUN = "rerun";

    /** Reruns: the result codes to retry. */
    public static final String CODES = "codes";

    /** Staging runs: the newest {@code created_at} a claimed row may have. */
    public static final String CUTOFF = "cutoff";

    /**
     * The service provider's JSON Web Key Set for this run's card data; overrides
     * {@code issuance.card-data.jwks}.
     */
    public static final String CARD_DATA_JWKS = "cardDataJwks";

    /** The {@code kid} of the card-data key to use; the set's first key when absent. */
    public static final String CARD_DATA_KEY_ID = "cardDataKeyId";

    /**
     * The courier's ASCII-armoured OpenPGP public key(s) for this run's manifest;
     * overrides {@code issuance.manifest.pgp-public-key}.
     */
    public static final String MANIFEST_PGP_KEY = "manifestPgpKey";

    /** The fingerprint of the courier key to use; the file's first key when absent. */
    public static final String MANIFEST_PGP_FINGERPRINT = "manifestPgpFingerprint";

    /** Previews: each preview's own instance number, set at launch. */
    public static final String PREVIEW_RUN = "previewRun";

    private static final Pattern BATCH_ID_PATTERN = Pattern.compile("[A-Za-z0-9_-]{1,40}");

    private RunParameters() {
    }

    /** The one batch-id rule: 1 to 40 letters, digits, '_' or '-'. */
    public static boolean isBatchId(String batchId) {
        return batchId != null && BATCH_ID_PATTERN.matcher(batchId).matches();
    }

    /** Refuses parameters without a valid {@code batchId}, naming what was given. */
    public static void requireBatchId(JobParameters parameters) throws InvalidJobParametersException {
        String batchId = parameters.getString(BATCH_ID);
        if (!isBatchId(batchId)) {
            throw new InvalidJobParametersException("batchId is required: 1 to 40 letters, digits, '_' or '-' (got "
                    + (batchId == null ? "nothing" : "'" + batchId + "'") + ")");
        }
    }

    /** Refuses parameters without a {@code runDate}. */
    public static void requireRunDate(JobParameters parameters) throws InvalidJobParametersException {
        if (parameters.getLocalDate(RUN_DATE) == null) {
            throw new InvalidJobParametersException("runDate is required (yyyy-MM-dd)");
        }
    }

    /**
     * Where a run's outputs go: the {@code outputDir} parameter, or {@code defaultDir}
     * when it is not given.
     */
    public static Path outputDir(JobParameters parameters, Path defaultDir) {
        String dir = parameters.getString(OUTPUT_DIR);
        return dir == null || dir.isBlank() ? defaultDir : Path.of(dir);
    }

    public static Charset charset(JobParameters parameters) {
        return InputEncoding.resolve(parameters.getString(ENCODING));
    }

    public static LocalDate runDate(JobParameters parameters) {
        return parameters.getLocalDate(RUN_DATE);
    }

    /**
     * The batch id a preview stages its rows under, so a preview never touches the rows
     * of the batch it previews. The suffix holds a character the batch-id rule refuses,
     * so no real batch can have that id.
     */
    public static String previewBatchId(String batchId) {
        return batchId + "~preview";
    }

    public static int rerun(JobParameters parameters) {
        return Math.toIntExact(parameters.getLong(RERUN));
    }

}
