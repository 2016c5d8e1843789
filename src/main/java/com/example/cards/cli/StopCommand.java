package com.example.cards.cli;

import java.io.PrintStream;
import java.util.Optional;

import javax.sql.DataSource;

import com.example.cards.jobs.BatchRunLock;
import com.example.cards.jobs.StopRequests;
import com.example.cards.run.RunParameters;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

/**
 * {@code --issuance.command=stop} with {@code --execution-id=N} or {@code --batch-id=ID}:
 * asks a running run of any of the four jobs to stop, from any host that reaches the
 * database. It records the stop in the job repository by marking the job execution
 * STOPPING, and nothing else: the process running it reads that status at its next chunk
 * boundary (every chunk commit synchronises it), finishes the chunk in hand and ends
 * STOPPED with exit code 4, restartable. This command returns as soon as the stop is
 * recorded; until the run's process ends it holds the run lock, so a restart meanwhile is
 * refused.
 * <p>
 * It does not call {@code JobOperator.stop}, which in Spring Batch 6 also writes the
 * running steps' step executions that the running process still holds
 * ({@link StopRequests} says why that fails); the job execution's row is safe to write
 * from here: the running process synchronises its status and version before each save of
 * it.
 * <p>
 * A run marked running whose batch run lock is free belongs to no live process (it was
 * killed): nothing would read the stop, so it is refused and {@code jobs/restart.sh} is
 * named instead.
 */
@Component
public class StopCommand {

    private final JobRepository jobRepository;

    private final DataSource dataSource;

    private final BatchExecutions executions;

    StopCommand(JobRepository jobRepository, DataSource dataSource, BatchExecutions executions) {
        this.jobRepository = jobRepository;
        this.dataSource = dataSource;
        this.executions = executions;
    }

    /**
     * Records the stop of the selected run; returns {@link ExitCodes#COMPLETED} when it
     * was recorded, or throws {@link RestartCommand.Refused} (2: unknown id, 3: nothing
     * is running).
     */
    public int stop(ApplicationArguments args, PrintStream out) {
        RunSelector selector = RunSelector.of(args);
        if (selector.isEmpty()) {
            throw new RestartCommand.Refused(ExitCodes.INVALID_INPUT, "stop needs " + RunSelector.USAGE);
        }
        JobExecution execution = running(selector);
        String what = BatchRuns.describe(execution);
        String batchId = execution.getJobParameters().getString(RunParameters.BATCH_ID);
        if (!BatchRunLock.isHeld(dataSource, batchId)) {
            throw new RestartCommand.Refused(ExitCodes.ALREADY_COMPLETED,
                    "job execution " + execution.getId() + " (" + what + ") is marked " + execution.getStatus()
                            + " but no process runs it (its run lock is free: "
                            + "it was killed); nothing was done. jobs/restart.sh " + execution.getId() + " resumes it");
        }
        if (execution.getStatus() == BatchStatus.STOPPING) {
            out.println("A stop of job execution " + execution.getId() + " (" + what + ") was already requested; it "
                    + "ends STOPPED at its next chunk boundary.");
            return ExitCodes.COMPLETED;
        }
        requestStop(execution, what);
        out.println("Stop requested for job execution " + execution.getId() + " (" + what + "): it ends STOPPED at "
                + "its next chunk boundary (exit code 4 there); resume it with jobs/restart.sh " + execution.getId()
                + ".");
        return ExitCodes.COMPLETED;
    }

    /** Marks the execution STOPPING (see {@link StopRequests}). */
    private void requestStop(JobExecution execution, String what) {
        JobExecution recorded = StopRequests.markStopping(jobRepository, execution);
        if (!recorded.getStatus().isRunning()) {
            throw nothingRunning(recorded, what);
        }
    }

    private JobExecution running(RunSelector selector) {
        if (selector.executionId() != null) {
            JobExecution given = executions.byId(selector.executionId());
            JobExecution latest = executions.ofBatch(given.getJobParameters().getString(RunParameters.BATCH_ID))
                .latestOf(given);
            if (!latest.getStatus().isRunning()) {
                throw nothingRunning(latest, BatchRuns.describe(latest));
            }
            return latest;
        }
        BatchRuns runs = executions.ofBatch(selector.batchId());
        if (runs.executions().isEmpty()) {
            throw new RestartCommand.Refused(ExitCodes.INVALID_INPUT,
                    "batch " + selector.batchId() + " has never run; nothing to stop");
        }
        Optional<JobExecution> running = runs.running();
        if (running.isEmpty()) {
            throw new RestartCommand.Refused(ExitCodes.ALREADY_COMPLETED,
                    "nothing of batch " + selector.batchId() + " is running; nothing was done");
        }
        return running.get();
    }

    private static RestartCommand.Refused nothingRunning(JobExecution execution, String what) {
        return new RestartCommand.Refused(ExitCodes.ALREADY_COMPLETED, "job execution " + execution.getId() + " ("
                + what + ") is not running (" + execution.getStatus() + "); nothing was done");
    }

}
