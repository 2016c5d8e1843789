package com.example.cards.cli;

import java.util.Collections;
import java.util.List;

import com.example.cards.run.JobNames;
import com.example.cards.run.RunParameters;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Finds the job executions of the application's jobs ({@link JobNames#ALL}) in the job
 * repository: by id, by batch (the {@code batchId} job parameter), or the newest.
 */
@Component
class BatchExecutions {

    private static final String JOBS = String.join(", ", Collections.nCopies(JobNames.ALL.size(), "?"));

    private static final String BY_BATCH = """
            SELECT e.JOB_EXECUTION_ID
              FROM BATCH_JOB_EXECUTION e
              JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
              JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
             WHERE i.JOB_NAME IN (%s) AND p.PARAMETER_NAME = ? AND p.PARAMETER_VALUE = ?
             ORDER BY e.JOB_EXECUTION_ID""".formatted(JOBS);

    private static final String RECENT = """
            SELECT e.JOB_EXECUTION_ID
              FROM BATCH_JOB_EXECUTION e
              JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
             WHERE i.JOB_NAME IN (%s)
             ORDER BY e.JOB_EXECUTION_ID DESC
             FETCH FIRST %%d ROWS ONLY""".formatted(JOBS);

    private final JdbcTemplate jdbc;

    private final JobRepository jobRepository;

    BatchExecutions(JdbcTemplate jdbc, JobRepository jobRepository) {
        this.jdbc = jdbc;
        this.jobRepository = jobRepository;
    }

    /** Every execution of every job of the batch, oldest first. */
    BatchRuns ofBatch(String batchId) {
        Object[] arguments = new Object[JobNames.ALL.size() + 2];
        for (int i = 0; i < JobNames.ALL.size(); i++) {
            arguments[i] = JobNames.ALL.get(i);
        }
        arguments[arguments.length - 2] = RunParameters.BATCH_ID;
        arguments[arguments.length - 1] = batchId;
        List<JobExecution> executions = jdbc.queryForList(BY_BATCH, Long.class, arguments)
            .stream()
            .map(jobRepository::getJobExecution)
            .toList();
        return new BatchRuns(batchId, executions);
    }

    /** The newest executions of the application's jobs, newest first. */
    List<JobExecution> recent(int count) {
        return jdbc.queryForList(RECENT.formatted(count), Long.class, JobNames.ALL.toArray())
            .stream()
            .map(jobRepository::getJobExecution)
            .toList();
    }

    /**
     * The execution with this id, when it is one of the application's jobs; otherwise
     * refused (exit 2).
     */
    JobExecution byId(long id) {
        JobExecution execution;
        try {
            execution = jobRepository.getJobExecution(id);
        }
        catch (EmptyResultDataAccessException ex) {
            // the JDBC repository of Spring Batch 6 throws for an unknown id
            execution = null;
        }
        if (execution == null || !JobNames.ALL.contains(execution.getJobInstance().getJobName())) {
            throw new RestartCommand.Refused(ExitCodes.INVALID_INPUT,
                    "there is no job execution " + id + "; jobs/status.sh lists them");
        }
        return execution;
    }

}
