package com.example.cards.run;

import java.time.Duration;
import java.util.Optional;
import java.util.function.ToLongFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * The progress of a partitioned step: listens to its manager step, which counts the total
 * when it starts, and adds up the records read (committed) by its partitions in the
 * running job execution.
 */
public class PartitionProgress implements ProgressSource, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(PartitionProgress.class);

    private final String step;

    private final String workerPrefix;

    private final boolean partitioned;

    private final ToLongFunction<StepExecution> totalOf;

    private volatile Running running;

    /**
     * @param step the manager step's name
     * @param worker the partitions' step name (each partition's is
     * {@code worker:partitionN})
     * @param totalOf the records the step has to do, counted when it starts
     */
    public PartitionProgress(String step, String worker, ToLongFunction<StepExecution> totalOf) {
        this(step, worker + ":", true, totalOf);
    }

    private PartitionProgress(String step, String workerPrefix, boolean partitioned,
            ToLongFunction<StepExecution> totalOf) {
        this.step = step;
        this.workerPrefix = workerPrefix;
        this.partitioned = partitioned;
        this.totalOf = totalOf;
    }

    /** The progress of a step that runs on one thread, not partitioned. */
    public static PartitionProgress ofStep(String step, ToLongFunction<StepExecution> totalOf) {
        return new PartitionProgress(step, step, false, totalOf);
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        long total;
        try {
            total = totalOf.applyAsLong(stepExecution);
        }
        catch (RuntimeException e) {
            // the step itself reports what is wrong with its input; progress goes without
            // a total
            log.debug("No total for the progress of {}: {}", step, e.toString());
            total = -1;
        }
        running = new Running(stepExecution.getJobExecutionId(), total, System.nanoTime());
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        running = null;
        return null;
    }

    @Override
    public Optional<StepProgress> progress(JobExecution execution) {
        Running r = running;
        if (r == null || r.jobExecutionId() != execution.getId()) {
            return Optional.empty();
        }
        long done = execution.getStepExecutions()
            .stream()
            .filter(s -> partitioned ? s.getStepName().startsWith(workerPrefix) : s.getStepName().equals(step))
            .mapToLong(StepExecution::getReadCount)
            .sum();
        return Optional.of(new StepProgress(step, done, r.total(), Duration.ofNanos(System.nanoTime() - r.start())));
    }

    private record Running(long jobExecutionId, long total, long start) {
    }

}
