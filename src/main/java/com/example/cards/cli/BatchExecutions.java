package com.example.cards.cli;

import com.example.cards.run.RunParameters;
import com.example.cards.run.JobNames;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Finds the job executions of a batch in the job repository's tables (by the
 * {@code batchId} job parameter).
 */
class BatchExecutions {

    private static final String BY_BATCH = """
            SELECT e.JOB_EXECUTION_ID
              FROM BATCH_JOB_EXECUTION e
              JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
              JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
             WHERE i.JOB_NAME = ? AND p.PARAMETER_NAME = ? AND p.PARAMETER_VALUE = ?
             ORDER BY e.JOB_EXECUTION_ID""";

    private static final String RECENT = """
            SELECT e.JOB_EXECUTION_ID
              FROM BATCH_JOB_EXECUTION e
              JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
             WHERE i.JOB_NAME = ?
             ORDER BY e.JOB_EXECUTION_ID DESC
             FETCH FIRST %d ROWS ONLY""";

    private final JdbcTemplate jdbc;

    BatchExecutions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every execution of the batch, oldest first. */
    List<Long> ofBatch(String batchId) {
        return jdbc.queryForList(BY_BATCH, Long.class, JobNames.ISSUE_CARDS, RunParameters.BATCH_ID, batchId);
    }

    /** The newest executions of the issuance job, newest first. */
    List<Long> recent(int count) {
        return jdbc.queryForList(RECENT.formatted(count), Long.class, JobNames.ISSUE_CARDS);
    }

}
