package com.example.cards.jobs;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.example.cards.RecoveryProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Stops a run at its next chunk boundary when the process is asked to end (SIGTERM from a
 * scheduler or {@code kill}, SIGINT from Ctrl-C), so that it ends STOPPED and restartable
 * instead of FAILED or, worse, left STARTED.
 * <p>
 * The signal is taken over while a job runs: the handler marks the execution STOPPING
 * ({@link StopRequests}), the steps finish the chunk in hand and commit it, and the
 * launch returns STOPPED, which the command line maps to exit code 4. A second signal, or
 * a signal while no job runs, falls through to the JVM's usual handling. When the JVM
 * shuts down another way, this bean's lifecycle stop (it is stopped first, before the
 * DataSource closes) does the same and waits, at most
 * {@code issuance.recovery.stop-timeout}, until the job repository shows the run as no
 * longer running.
 */
@Component
public class GracefulStop implements JobExecutionListener, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);

    private final JobRepository jobRepository;

    private final Duration timeout;

    private final AtomicReference<JobExecution> current = new AtomicReference<>();

    private final AtomicBoolean stopRequested = new AtomicBoolean();

    private final AtomicReference<String> reason = new AtomicReference<>();

    private volatile boolean running;

    public GracefulStop(JobRepository jobRepository, RecoveryProperties properties, Environment environment) {
        this.jobRepository = jobRepository;
        this.timeout = properties.stopTimeout();
        if ("none".equals(environment.getProperty("issuance.command"))) {
            return; // tests and embedding applications keep their own signal handling
        }
        for (String name : new String[] { "TERM", "INT" }) {
            try {
                SignalHandler[] previous = new SignalHandler[1];
                previous[0] = Signal.handle(new Signal(name), signal -> onSignal(signal, previous[0]));
            }
            catch (IllegalArgumentException | UnsupportedOperationException unavailable) {
                log.debug("SIG{} cannot be handled here; the lifecycle stop still applies", name);
            }
        }
    }

    @Override
    public void beforeJob(JobExecution execution) {
        current.set(execution);
        stopRequested.set(false);
        reason.set(null);
    }

    @Override
    public void afterJob(JobExecution execution) {
        current.compareAndSet(execution, null);
    }

    private void onSignal(Signal signal, SignalHandler previous) {
        JobExecution execution = current.get();
        if (execution != null && execution.isRunning() && !stopRequested.get()) {
            log.warn("SIG{} received: stopping job execution {} at the next chunk boundary (send it again to end "
                    + "at once)", signal.getName(), execution.getId());
            reason.compareAndSet(null, "SIG" + signal.getName() + " received");
            requestStop(execution);
            return;
        }
        if (previous != null && previous != SignalHandler.SIG_DFL && previous != SignalHandler.SIG_IGN) {
            previous.handle(signal);
        }
        else {
            System.exit(128 + signal.getNumber());
        }
    }

    /**
     * Stops the running job, if any, at its next chunk boundary because it can no longer
     * run safely (its run lock was lost); {@link #stopReason()} then says why.
     */
    public void stopRun(String why) {
        reason.compareAndSet(null, why);
        JobExecution execution = current.get();
        if (execution == null || !execution.isRunning()) {
            log.error("{}; no job is running", why);
            return;
        }
        log.error("{}: stopping job execution {} at the next chunk boundary", why, execution.getId());
        requestStop(execution);
    }

    /**
     * Why the last run was asked to stop by this process (a signal, a lost run lock), if
     * it was.
     */
    public Optional<String> stopReason() {
        return Optional.ofNullable(reason.get());
    }

    /**
     * Asks the run to stop at its next chunk boundary: its job execution is marked
     * STOPPING, and nothing else ({@link StopRequests} says why {@code JobOperator.stop}
     * is not used); the steps' threads end the steps themselves.
     * <p>
     * First in the job repository, from a copy of the row: every thread of the run, here
     * or in a remote partition worker, synchronises the row's version and status before
     * its next save, so none saves it with the version this write replaced. Then in this
     * process's own object, which changes no version and makes this process's threads
     * stop even when the database could not be written. The other order let a step of
     * one-request chunks see the stop in memory, end, and the job save its end with the
     * old version while the row was being marked
     * ({@code OptimisticLockingFailureException}: exit 1 instead of 4).
     */
    private void requestStop(JobExecution execution) {
        if (!stopRequested.compareAndSet(false, true)) {
            return;
        }
        try {
            JobExecution stored = jobRepository.getJobExecution(execution.getId());
            if (stored == null || !StopRequests.markStopping(jobRepository, stored).getStatus().isRunning()) {
                log.info("Job execution {} had already ended", execution.getId());
            }
        }
        catch (RuntimeException ex) {
            log.error("Could not record the stop of job execution {} in the job repository ({}); this process's "
                    + "steps still stop at their next chunk boundary", execution.getId(), ex.getMessage());
        }
        execution.upgradeStatus(BatchStatus.STOPPING);
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Called first when the application context closes: the run is stopped and its end
     * recorded before the pool goes.
     */
    @Override
    public void stop() {
        running = false;
        JobExecution execution = current.get();
        if (execution == null || !execution.isRunning()) {
            return;
        }
        log.warn("Shutting down: stopping job execution {} at the next chunk boundary (waiting up to {})",
                execution.getId(), timeout);
        requestStop(execution);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JobExecution stored = jobRepository.getJobExecution(execution.getId());
            BatchStatus status = stored == null ? null : stored.getStatus();
            if (status == null || !status.isRunning()) {
                log.warn("Job execution {} ended {}", execution.getId(), status);
                return;
            }
            try {
                Thread.sleep(200);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log.error("Job execution {} did not stop within {}; it is left running and will be recovered by the next "
                + "launch or by jobs/restart.sh", execution.getId(), timeout);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

}
