package com.example.cards.job;

import java.util.regex.Pattern;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * The staging job's parameters: {@code batchId} and {@code runDate} identify the instance, as for a CSV run;
 * {@code cutoff} (non-identifying, optional) bounds the rows claimed by {@code created_at}; {@code outputDir} as for a
 * CSV run. There is no input file: the input is the staging table.
 */
public final class StagedJobParameters implements JobParametersValidator {

    public static final String CUTOFF = "cutoff";

    private static final Pattern BATCH_ID_PATTERN = Pattern.compile("[A-Za-z0-9_-]{1,40}");

    @Override
    public void validate(JobParameters parameters) throws InvalidJobParametersException {
        String batchId = parameters.getString(IssueJobParameters.BATCH_ID);
        if (batchId == null || !BATCH_ID_PATTERN.matcher(batchId).matches()) {
            throw new InvalidJobParametersException("batchId is required: 1 to 40 letters, digits, '_' or '-' (got "
                    + (batchId == null ? "nothing" : "'" + batchId + "'") + ")");
        }
        if (parameters.getLocalDate(IssueJobParameters.RUN_DATE) == null) {
            throw new InvalidJobParametersException("runDate is required (yyyy-MM-dd)");
        }
        if (parameters.getString(IssueJobParameters.INPUT_FILE) != null) {
            throw new InvalidJobParametersException(
                    "inputFile is not a parameter of a staging run: its input is the staging table");
        }
    }
}
