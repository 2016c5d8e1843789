package com.example.cards.jobs.issue;

import java.util.Set;

import com.example.cards.request.InputEncoding;
import com.example.cards.run.RunParameters;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * The issuance job's parameters. {@code batchId} and {@code runDate} identify the job
 * instance (no incrementer, so a failed instance is restarted by launching it again with
 * the same two); the rest describe the input and outputs.
 */
public final class IssueJobParameters implements JobParametersValidator {

    public static final Set<String> NAMES = Set.of(RunParameters.BATCH_ID, RunParameters.RUN_DATE,
            RunParameters.INPUT_FILE, RunParameters.ENCODING, RunParameters.OUTPUT_DIR, RunParameters.CARD_DATA_JWKS,
            RunParameters.CARD_DATA_KEY_ID, RunParameters.MANIFEST_PGP_KEY, RunParameters.MANIFEST_PGP_FINGERPRINT);

    public static final Set<String> IDENTIFYING = Set.of(RunParameters.BATCH_ID, RunParameters.RUN_DATE);

    @Override
    public void validate(JobParameters parameters) throws InvalidJobParametersException {
        RunParameters.requireBatchId(parameters);
        RunParameters.requireRunDate(parameters);
        if (parameters.getString(RunParameters.INPUT_FILE) == null
                || parameters.getString(RunParameters.INPUT_FILE).isBlank()) {
            throw new InvalidJobParametersException("inputFile is required: the request CSV to issue from");
        }
        try {
            InputEncoding.resolve(parameters.getString(RunParameters.ENCODING));
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidJobParametersException(ex.getMessage());
        }
    }

}
