package com.example.cards.cli;

import java.io.PrintStream;
import java.util.Optional;

import com.example.cards.jobs.BatchRunLock;
import com.example.cards.jobs.RunLocks;
import com.example.cards.run.RunParameters;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

/**
 * Brings an interrupted run to its end: {@code --issuance.command=restart} with
 * {@code --execution-id=N} or {@code --batch-id=ID}, for a run of any of the four jobs
 * (issue, staging, rerun, preview). By execution id it resumes that execution's job
 * instance. By batch id it resumes the run {@link BatchRuns#toRestart()} chooses: the
 * oldest unfinished issue, staging run or rerun of the batch, else its newest preview
 * when that one is unfinished. A FAILED or STOPPED run is restarted from its last
 * committed chunk ({@link JobOperator#restart}). A run left STARTED (or STOPPING) whose
 * batch run lock is free was killed: its process is gone, so it is first recovered
 * ({@link JobOperator#recover}, which marks it FAILED) and then restarted. The batch's
 * run lock is held from before the runs are read until the restarted run ends, so a run
 * that is really alive is never recovered under its feet.
 */
@Component
public class RestartCommand {

    private static final Logger log = LoggerFactory.getLogger(RestartCommand.class);

    private final JobOperator jobOperator;

    private final JobRepository jobRepository;

    private final JobRegistry jobRegistry;

    private final RunLocks runLocks;

    private final BatchExecutions executions;

    private final PrintStream out = System.out;

    RestartCommand(JobOperator jobOperator, JobRepository jobRepository, JobRegistry jobRegistry, RunLocks runLocks,
            BatchExecutions executions) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.jobRegistry = jobRegistry;
        this.runLocks = runLocks;
        this.executions = executions;
    }

    /** A command that was not carried out, with the exit code that says why. */
    public static final class Refused extends RuntimeException {

        private final int exitCode;

        Refused(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }

    }

    /**
     * The restart command of the command line: finds the batch, takes its lock, picks the
     * run, recovers it if needed, restarts it.
     */
    public JobExecution restart(ApplicationArguments args) {
        RunSelector selector = RunSelector.of(args);
        if (selector.isEmpty()) {
            throw new Refused(ExitCodes.INVALID_INPUT, "restart needs " + RunSelector.USAGE);
        }
        JobExecution given = selector.executionId() == null ? null : executions.byId(selector.executionId());
        String batchId = given == null ? selector.batchId()
                : given.getJobParameters().getString(RunParameters.BATCH_ID);
        Optional<BatchRunLock> lock = runLocks.acquire(batchId);
        if (lock.isEmpty()) {
            throw new Refused(ExitCodes.ALREADY_RUNNING, "batch " + batchId + " is running (another process holds its "
                    + "run lock); nothing was done. See jobs/status.sh --batch-id " + batchId);
        }
        try {
            // read under the lock: a run may have ended between the look-up and now
            BatchRuns runs = executions.ofBatch(batchId);
            return resume(given == null ? chosen(runs) : runs.latestOf(given), runs);
        }
        finally {
            lock.get().close();
        }
    }

    /**
     * For a launch of the job that found its instance still marked running although the
     * caller holds the batch's run lock: the earlier process died, so its execution is
     * recovered and the job started again with the given parameters (which resumes it).
     */
    public JobExecution recoverAndStart(Job job, JobParameters parameters) throws Exception {
        JobExecution last = jobRepository.getLastJobExecution(job.getName(), parameters);
        if (last != null && last.getStatus().isRunning()) {
            recover(last);
        }
        return jobOperator.start(job, parameters);
    }

    private JobExecution chosen(BatchRuns runs) {
        if (runs.executions().isEmpty()) {
            throw new Refused(ExitCodes.INVALID_INPUT,
                    "batch " + runs.batchId() + " has never run; nothing to restart");
        }
        // nothing unfinished: the newest run says why (completed, abandoned)
        return runs.toRestart()
            .orElseGet(() -> runs.lastIssuing().orElse(runs.executions().get(runs.executions().size() - 1)));
    }

    private JobExecution resume(JobExecution execution, BatchRuns runs) {
        String what = BatchRuns.describe(execution);
        BatchStatus status = execution.getStatus();
        if (status == BatchStatus.COMPLETED) {
            throw new Refused(ExitCodes.ALREADY_COMPLETED, what + " completed (job execution " + execution.getId()
                    + "); there is nothing to restart. Its outputs stand.");
        }
        if (status == BatchStatus.ABANDONED || status == BatchStatus.UNKNOWN) {
            throw new Refused(ExitCodes.INVALID_INPUT, "job execution " + execution.getId() + " (" + what + ") is "
                    + status + " and cannot be restarted; nothing was done");
        }
        Optional<JobExecution> newer = runs.supersedingPreview(execution);
        if (newer.isPresent()) {
            throw new Refused(ExitCodes.INVALID_INPUT, "job execution " + execution.getId() + " (" + what
                    + ") was superseded by a newer preview (job execution " + newer.get().getId()
                    + ") and cannot be resumed; run the preview again (jobs/issue-cards.sh --dry-run). Nothing was done.");
        }
        String name = execution.getJobInstance().getJobName();
        if (!jobRegistry.getJobNames().contains(name)) {
            throw new Refused(ExitCodes.INVALID_INPUT, "job execution " + execution.getId() + " is of job '" + name
                    + "', which this application does not have");
        }
        JobExecution restartable = status.isRunning() ? recover(execution) : execution;
        out.println("Restarting the " + what + " from job execution " + restartable.getId() + " ("
                + restartable.getStatus() + "); it resumes from its last committed chunk.");
        try {
            return jobOperator.restart(restartable);
        }
        catch (Exception ex) {
            throw new Refused(ExitCodes.FAILED,
                    "could not restart job execution " + restartable.getId() + " (" + what + "): " + ex.getMessage());
        }
    }

    private JobExecution recover(JobExecution execution) {
        String message = "job execution " + execution.getId() + " (" + BatchRuns.describe(execution) + ") was left "
                + execution.getStatus() + " by a process that ended without finishing (its run lock is free); "
                + "recovering it as FAILED before resuming it";
        log.warn(message);
        out.println("Recovering: " + message + ".");
        return jobOperator.recover(execution);
    }

}
