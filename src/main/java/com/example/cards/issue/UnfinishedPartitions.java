package com.example.cards.issue;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * After the remote manager step has failed (its timeout passed, or the broker could not
 * be reached), marks FAILED every partition still recorded as running, so that
 * {@code restart} can run them again (Spring Batch refuses to restart a partition whose
 * last execution looks running) and a worker that receives their message later drops it.
 * A timeout is reported on one line that says what to do: how many partitions no worker
 * took, and how many a worker took but did not finish.
 */
class UnfinishedPartitions implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(UnfinishedPartitions.class);

    private final JobRepository jobRepository;

    private final String partitionStepName;

    private final Duration timeout;

    UnfinishedPartitions(JobRepository jobRepository, String partitionStepName, Duration timeout) {
        this.jobRepository = jobRepository;
        this.partitionStepName = partitionStepName;
        this.timeout = timeout;
    }

    @Override
    public ExitStatus afterStep(StepExecution managerStep) {
        if (managerStep.getStatus() != BatchStatus.FAILED) {
            return null;
        }
        JobExecution job = jobRepository.getJobExecution(managerStep.getJobExecutionId());
        List<StepExecution> unfinished = job == null ? List.of()
                : job.getStepExecutions()
                    .stream()
                    .filter(step -> step.getStepName().startsWith(partitionStepName + ":"))
                    .filter(step -> step.getStatus().isRunning())
                    .toList();
        long neverTaken = unfinished.stream().filter(step -> step.getStatus() == BatchStatus.STARTING).count();
        for (StepExecution partition : unfinished) {
            markFailed(partition);
        }
        boolean timedOut = managerStep.getFailureExceptions()
            .stream()
            .anyMatch(failure -> failure instanceof TimeoutException);
        if (!timedOut) {
            return null;
        }
        String reason = unfinished.size() + " partition(s) of the issue step did not end within " + timeout
                + " (issuance.remote.timeout): " + neverTaken + " taken by no worker, "
                + (unfinished.size() - neverTaken) + " taken by a worker that died or was too slow;"
                + " make sure workers run (jobs/worker.sh) on the same database and queue";
        managerStep.getFailureExceptions().removeIf(failure -> failure instanceof TimeoutException);
        PartitionsNotFinishedException failure = new PartitionsNotFinishedException(reason);
        managerStep.addFailureException(failure);
        log.error(reason);
        return ExitStatus.FAILED.addExitDescription(reason);
    }

    private void markFailed(StepExecution partition) {
        partition.setStatus(BatchStatus.FAILED);
        partition.setExitStatus(ExitStatus.FAILED
            .addExitDescription("not finished by a worker when the manager gave up waiting; restart runs it again"));
        partition.setEndTime(LocalDateTime.now());
        try {
            jobRepository.update(partition);
        }
        catch (OptimisticLockingFailureException ex) {
            // a worker is still writing it: it ends it itself
            log.warn("Partition {} changed while it was marked failed: {}", partition.getId(), ex.getMessage());
        }
    }

    /** The remote partitions did not all end in time. */
    static class PartitionsNotFinishedException extends RuntimeException {

        PartitionsNotFinishedException(String message) {
            super(message);
        }

    }

}
