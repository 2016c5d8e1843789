package com.example.cards.db;

import java.sql.DatabaseMetaData;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Refreshes the planner's statistics of the tables a step has just filled. Before the
 * issue step: the request table, to which staging has just added up to millions of rows
 * (and the outcome table, which the page query looks up for each row); PostgreSQL without
 * autovacuum (or before it wakes up) keeps planning for an empty table, and the issue
 * step's page query then runs about a hundred times slower. After it: the applications,
 * cards and outcomes, which the wallet hand-off and the export join and sort (on
 * PostgreSQL, 1,000,000 requests: the manifest's query took 4.7 s planned for an empty
 * table, 2.9 s with statistics). H2 gets the same treatment. Oracle gathers statistics
 * with its own scheduled job, which is left to the DBA.
 */
public class TableStatistics implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(TableStatistics.class);

    private final JdbcTemplate jdbc;

    public TableStatistics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        refresh("issuance_request");
        refresh("request_outcome");
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (stepExecution.getStatus() == BatchStatus.COMPLETED) {
            refresh("card_application");
            refresh("card");
            refresh("request_outcome");
        }
        return null;
    }

    /**
     * @param table a table of the job's own schema (a constant of this class's callers,
     * never user input)
     */
    public void refresh(String table) {
        String product;
        try {
            product = JdbcUtils.extractDatabaseMetaData(jdbc.getDataSource(), DatabaseMetaData::getDatabaseProductName);
        }
        catch (MetaDataAccessException ex) {
            log.warn("Could not tell the database product; table statistics not refreshed: {}", ex.getMessage());
            return;
        }
        String sql = switch (product) {
            case "PostgreSQL" -> "ANALYZE " + table;
            case "H2" -> "ANALYZE TABLE " + table + " SAMPLE_SIZE 20000";
            default -> null;
        };
        if (sql != null) {
            long start = System.nanoTime();
            jdbc.execute(sql);
            log.info("Refreshed the statistics of {} in {} ms", table, (System.nanoTime() - start) / 1_000_000);
        }
    }

}
