package com.example.cards.jobs.staged;

import com.example.cards.run.RunParameters;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * The staging job's parameters: {@code batchId} and {@code runDate} identify the
 * instance, as for a CSV run; {@code cutoff} (non-identifying, optional) bounds the rows
 * claimed by {@code created_at}; {@code outputDir} as for a CSV run. There is no input
 * file: the input is the staging table.
 */
public final class StagedJobParameters implements JobParametersValidator {

    @Override
    public void validate(JobParameters parameters) throws InvalidJobParametersException {
        RunParameters.requireBatchId(parameters);
        RunParameters.requireRunDate(parameters);
        if (parameters.getString(RunParameters.INPUT_FILE) != null) {
            throw new InvalidJobParametersException(
                    "inputFile is not a parameter of a staging run: its input is the staging table");
        }
    }

}
