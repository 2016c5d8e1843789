package com.example.cards.job;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Set;
import java.util.regex.Pattern;

import com.example.cards.request.InputEncoding;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * The issuance job's parameters. {@code batchId} and {@code runDate} identify the job instance (no incrementer, so a
 * failed instance is restarted by launching it again with the same two); the rest describe the input and outputs.
 */
public final class IssueJobParameters implements JobParametersValidator {

    public static final String BATCH_ID = "batchId";
    public static final String RUN_DATE = "runDate";
    public static final String INPUT_FILE = "inputFile";
    public static final String ENCODING = "encoding";
    public static final String OUTPUT_DIR = "outputDir";

    static final Set<String> NAMES = Set.of(BATCH_ID, RUN_DATE, INPUT_FILE, ENCODING, OUTPUT_DIR);
    static final Set<String> IDENTIFYING = Set.of(BATCH_ID, RUN_DATE);

    private static final Pattern BATCH_ID_PATTERN = Pattern.compile("[A-Za-z0-9_-]{1,40}");

    @Override
    public void validate(JobParameters parameters) throws InvalidJobParametersException {
        String batchId = parameters.getString(BATCH_ID);
        if (batchId == null || !BATCH_ID_PATTERN.matcher(batchId).matches()) {
            throw new InvalidJobParametersException(
                    "batchId is required: 1 to 40 letters, digits, '_' or '-' (got " + quoted(batchId) + ")");
        }
        if (parameters.getLocalDate(RUN_DATE) == null) {
            throw new InvalidJobParametersException("runDate is required (yyyy-MM-dd)");
        }
        if (parameters.getString(INPUT_FILE) == null || parameters.getString(INPUT_FILE).isBlank()) {
            throw new InvalidJobParametersException("inputFile is required: the request CSV to issue from");
        }
        try {
            InputEncoding.resolve(parameters.getString(ENCODING));
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidJobParametersException(ex.getMessage());
        }
    }

    private static String quoted(String value) {
        return value == null ? "nothing" : "'" + value + "'";
    }

    /** Derives a batch id from an input file name: {@code corp-rollout 2026.csv} gives {@code corp-rollout_2026}. */
    public static String batchIdFromFile(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String id = stem.replaceAll("[^A-Za-z0-9_-]", "_");
        return id.length() > 40 ? id.substring(0, 40) : id;
    }

    /** Where a run's outputs go: the {@code outputDir} parameter, or {@code defaultDir} when it is not given. */
    static Path outputDir(JobParameters parameters, Path defaultDir) {
        String dir = parameters.getString(OUTPUT_DIR);
        return dir == null || dir.isBlank() ? defaultDir : Path.of(dir);
    }

    static Charset charset(JobParameters parameters) {
        return InputEncoding.resolve(parameters.getString(ENCODING));
    }

    static LocalDate runDate(JobParameters parameters) {
        return parameters.getLocalDate(RUN_DATE);
    }
}
