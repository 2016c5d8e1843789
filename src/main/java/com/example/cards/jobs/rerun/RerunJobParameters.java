package com.example.cards.jobs.rerun;

import java.util.Set;

import com.example.cards.jobs.LaunchPlanner;
import com.example.cards.run.RerunCodes;
import com.example.cards.run.RunParameters;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * The rerun job's parameters. {@code batchId} and {@code rerun} (1, 2, ... per batch,
 * chosen by {@link LaunchPlanner}) identify the job instance, so every rerun is an
 * instance of its own and a failed one is resumed by launching it again. {@code runDate}
 * (the date the cards are issued on), {@code codes} and {@code outputDir} describe it.
 */
public final class RerunJobParameters implements JobParametersValidator {

    /**
     * Parameters an operator may give on the command line beyond the issuance job's
     * ({@code rerun} is planned).
     */
    public static final Set<String> NAMES = Set.of(RunParameters.CODES);

    @Override
    public void validate(JobParameters parameters) throws InvalidJobParametersException {
        if (!RunParameters.isBatchId(parameters.getString(RunParameters.BATCH_ID))) {
            throw new InvalidJobParametersException("batchId is required: the batch whose rejections to rerun");
        }
        Long rerun = parameters.getLong(RunParameters.RERUN);
        if (rerun == null || rerun < 1) {
            throw new InvalidJobParametersException(
                    "rerun is required: the rerun's number within the batch (1, 2, ...)");
        }
        if (parameters.getLocalDate(RunParameters.RUN_DATE) == null) {
            throw new InvalidJobParametersException(
                    "runDate is required (yyyy-MM-dd): the date the cards are issued on");
        }
        try {
            RerunCodes.parse(parameters.getString(RunParameters.CODES));
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidJobParametersException(ex.getMessage());
        }
    }

}
