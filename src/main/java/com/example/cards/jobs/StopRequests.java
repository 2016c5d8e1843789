package com.example.cards.jobs;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Records a stop of a running job execution the one way that is safe while its steps run:
 * the job execution's row is marked STOPPING, and nothing else.
 * <p>
 * Every thread of the run, in this process or in a remote partition worker, synchronises
 * that row's status before each save of its step execution, sees STOPPING, finishes the
 * chunk in hand and ends STOPPED. {@code JobOperator.stop} of Spring Batch 6 is not used:
 * it also stops the running steps it finds and saves their step executions from the
 * calling thread, while the steps' own threads save the same rows at every chunk commit;
 * whichever saves second with the older version fails with
 * {@code OptimisticLockingFailureException}, and when that is the step's thread the run
 * ends FAILED instead of STOPPED.
 */
public final class StopRequests {

    private static final int ATTEMPTS = 5;

    private StopRequests() {
    }

    /**
     * Marks the execution STOPPING in the job repository, from a copy of its row (never
     * the running process's own object). The running process may save the same row
     * meanwhile (its version moves on); then the row is read again and the stop retried,
     * a few times, unless the run has ended in between.
     * @param execution the execution as read from the repository
     * @return the execution as last read: STOPPING when the stop is recorded (or was
     * already), or no longer running when the run ended first
     */
    public static JobExecution markStopping(JobRepository jobRepository, JobExecution execution) {
        JobExecution current = execution;
        for (int attempt = 1;; attempt++) {
            if (!current.getStatus().isRunning() || current.getStatus() == BatchStatus.STOPPING) {
                return current;
            }
            current.setStatus(BatchStatus.STOPPING);
            try {
                jobRepository.update(current);
                return current;
            }
            catch (OptimisticLockingFailureException ex) {
                if (attempt == ATTEMPTS) {
                    throw ex;
                }
                current = jobRepository.getJobExecution(current.getId());
                if (current == null) {
                    throw new IllegalStateException("job execution " + execution.getId() + " is gone", ex);
                }
            }
        }
    }

}
