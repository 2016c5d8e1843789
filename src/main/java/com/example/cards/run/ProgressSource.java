package com.example.cards.run;

import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;

/**
 * A long step that can tell where it stands (stage, issue, export): each is a bean, and
 * the job's progress reporter asks all of them at every interval.
 */
public interface ProgressSource {

    /** The step's progress in this execution, if the step is running in it now. */
    Optional<StepProgress> progress(JobExecution execution);

}
