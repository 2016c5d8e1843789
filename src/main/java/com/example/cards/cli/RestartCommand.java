package com.example.cards.cli;

import com.example.cards.run.RunParameters;
import com.example.cards.run.JobNames;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import com.example.cards.jobs.BatchRunLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.ApplicationArguments;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Brings an interrupted run to its end: {@code --issuance.command=restart} with
 * {@code --execution-id=N} or {@code --batch-id=ID}. A FAILED or STOPPED run is restarted
 * from its last committed chunk. A run left STARTED (or STOPPING) whose batch run lock is
 * free was killed: its process is gone, so it is first recovered
 * ({@link JobOperator#recover}, which marks it FAILED) and then restarted. The batch's
 * run lock is held from before the status is read until the restarted run ends, so a run
 * that is really alive is never recovered under its feet.
 */
@Component
public class RestartCommand {

    private static final Logger log = LoggerFactory.getLogger(RestartCommand.class);

    private final ApplicationContext context;

    private final JobOperator jobOperator;

    private final JobRepository jobRepository;

    private final DataSource dataSource;

    private final BatchExecutions executions;

    private final PrintStream out = System.out;

    public RestartCommand(ApplicationContext context, JobOperator jobOperator, JobRepository jobRepository,
            DataSource dataSource, JdbcTemplate jdbc) {
        this.context = context;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.dataSource = dataSource;
        this.executions = new BatchExecutions(jdbc);
    }

    /** A restart that was not attempted, with the exit code that says why. */
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
     * The restart command of the command line: finds the run, takes its lock, recovers it
     * if needed, restarts it.
     */
    public JobExecution restart(ApplicationArguments args) {
        JobExecution target = find(args);
        String batchId = target.getJobParameters().getString(RunParameters.BATCH_ID);
        Optional<BatchRunLock> lock = BatchRunLock.tryAcquire(dataSource, batchId);
        if (lock.isEmpty()) {
            throw new Refused(ExitCodes.ALREADY_RUNNING, "batch " + batchId + " is running (another process holds its "
                    + "run lock); nothing was done. See jobs/status.sh --batch-id " + batchId);
        }
        try {
            // read again under the lock: the run may have ended between the look-up and
            // now
            JobExecution latest = jobRepository.getLastJobExecution(target.getJobInstance());
            return resume(latest == null ? target : latest);
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

    private JobExecution resume(JobExecution execution) {
        String batchId = execution.getJobParameters().getString(RunParameters.BATCH_ID);
        BatchStatus status = execution.getStatus();
        if (status == BatchStatus.COMPLETED) {
            throw new Refused(ExitCodes.ALREADY_COMPLETED, "batch " + batchId + " completed (job execution "
                    + execution.getId() + "); there is nothing to restart. Its outputs stand.");
        }
        if (status == BatchStatus.ABANDONED || status == BatchStatus.UNKNOWN) {
            throw new Refused(ExitCodes.INVALID_INPUT, "job execution " + execution.getId() + " of batch " + batchId
                    + " is " + status + " and cannot be restarted; nothing was done");
        }
        JobExecution restartable = status.isRunning() ? recover(execution) : execution;
        out.println("Restarting batch " + batchId + " from job execution " + restartable.getId() + " ("
                + restartable.getStatus() + "); it resumes from its last committed chunk.");
        try {
            // What JobOperator.restart(execution) does, with the job taken from this
            // context: Boot registers no job
            // registry for the operator to look it up in. The stored parameters identify
            // the same instance.
            return jobOperator.start(job(restartable), restartable.getJobParameters());
        }
        catch (Exception ex) {
            throw new Refused(ExitCodes.FAILED, "could not restart job execution " + restartable.getId() + " of batch "
                    + batchId + ": " + ex.getMessage());
        }
    }

    private Job job(JobExecution execution) {
        String name = execution.getJobInstance().getJobName();
        if (!context.containsBean(name) || !(context.getBean(name) instanceof Job job)) {
            throw new Refused(ExitCodes.INVALID_INPUT, "job execution " + execution.getId() + " is of job '" + name
                    + "', which this application does not have");
        }
        return job;
    }

    private JobExecution recover(JobExecution execution) {
        String message = "job execution " + execution.getId() + " of batch "
                + execution.getJobParameters().getString(RunParameters.BATCH_ID) + " was left " + execution.getStatus()
                + " by a process that ended without finishing (its run lock is free); "
                + "recovering it as FAILED before resuming it";
        log.warn(message);
        out.println("Recovering: " + message + ".");
        return jobOperator.recover(execution);
    }

    private JobExecution find(ApplicationArguments args) {
        String executionId = single(args, "execution-id");
        String batchId = single(args, "batch-id");
        if (executionId == null && batchId == null && args.getNonOptionArgs().size() == 1) {
            String id = args.getNonOptionArgs().get(0);
            if (id.chars().allMatch(Character::isDigit)) {
                executionId = id;
            }
            else {
                batchId = id;
            }
        }
        if ((executionId == null) == (batchId == null)) {
            throw new Refused(ExitCodes.INVALID_INPUT,
                    "restart needs one job execution id (--execution-id=N) or one batch id (--batch-id=ID)");
        }
        if (executionId != null) {
            long id;
            try {
                id = Long.parseLong(executionId.trim());
            }
            catch (NumberFormatException ex) {
                throw new Refused(ExitCodes.INVALID_INPUT, "'" + executionId + "' is not a job execution id");
            }
            JobExecution execution = jobRepository.getJobExecution(id);
            if (execution == null || !JobNames.ISSUE_CARDS.equals(execution.getJobInstance().getJobName())) {
                throw new Refused(ExitCodes.INVALID_INPUT,
                        "there is no job execution " + id + " of the issuance job; jobs/status.sh lists them");
            }
            return execution;
        }
        List<Long> ids = executions.ofBatch(batchId);
        if (ids.isEmpty()) {
            throw new Refused(ExitCodes.INVALID_INPUT, "batch " + batchId + " has never run; nothing to restart");
        }
        return jobRepository.getJobExecution(ids.get(ids.size() - 1));
    }

    static String single(ApplicationArguments args, String name) {
        List<String> values = args.getOptionValues(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new Refused(ExitCodes.INVALID_INPUT, "--" + name + " given more than once");
        }
        return values.get(0);
    }

}
