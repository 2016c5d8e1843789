package com.example.cards.jobs;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import com.example.cards.ProgressProperties;
import com.example.cards.run.ProgressSource;
import com.example.cards.run.StepProgress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Reports the progress of the running step (stage, issue, export; each partition added
 * up) every {@code issuance.progress.interval}: records done against the total, the rate
 * and the ETA. On a terminal it is one updating line; elsewhere (a scheduler's log) an
 * INFO line per interval. Each report is also published in the job execution context
 * ({@link StepProgress#CONTEXT_KEY}), where {@code jobs/status.sh} reads it from another
 * process.
 */
@Component
public class ProgressReporter implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final List<ProgressSource> sources;

    private final JobRepository jobRepository;

    private final ProgressProperties properties;

    private final boolean bar;

    private final PrintStream console = System.out;

    private ScheduledExecutorService scheduler;

    private ScheduledFuture<?> task;

    private volatile boolean lineOpen;

    public ProgressReporter(List<ProgressSource> sources, JobRepository jobRepository, ProgressProperties properties) {
        this.sources = sources;
        this.jobRepository = jobRepository;
        this.properties = properties;
        this.bar = switch (properties.display()) {
            case BAR -> true;
            case LOG -> false;
            case AUTO -> System.console() != null;
        };
    }

    @Override
    public synchronized void beforeJob(JobExecution execution) {
        if (scheduler == null) {
            CustomizableThreadFactory threads = new CustomizableThreadFactory("progress-");
            threads.setDaemon(true);
            scheduler = Executors.newSingleThreadScheduledExecutor(threads);
        }
        long millis = Math.max(1, properties.interval().toMillis());
        task = scheduler.scheduleWithFixedDelay(() -> report(execution), millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void afterJob(JobExecution execution) {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
        if (lineOpen) {
            console.println();
            lineOpen = false;
        }
        execution.getExecutionContext().remove(StepProgress.CONTEXT_KEY);
    }

    /** The progress of what runs now, one line per running step. */
    List<StepProgress> current(JobExecution execution) {
        List<StepProgress> running = new ArrayList<>();
        for (ProgressSource source : sources) {
            Optional<StepProgress> progress = source.progress(execution);
            progress.ifPresent(running::add);
        }
        return running;
    }

    private void report(JobExecution execution) {
        try {
            List<StepProgress> running = current(execution);
            if (running.isEmpty()) {
                return;
            }
            String line = String.join("; ", running.stream().map(StepProgress::describe).toList());
            if (bar) {
                console.print("\r" + line + "\u001b[K");
                console.flush();
                lineOpen = true;
            }
            else {
                log.info("Progress of job execution {}: {}", execution.getId(), line);
            }
            execution.getExecutionContext()
                .putString(StepProgress.CONTEXT_KEY, LocalDateTime.now().format(TIME) + "  " + line);
            jobRepository.updateExecutionContext(execution);
        }
        catch (RuntimeException e) {
            // progress is for people watching; a report that fails must not disturb the
            // run
            log.debug("Progress report skipped: {}", e.toString());
        }
    }

}
