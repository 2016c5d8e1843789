package com.example.cards.job;

import java.sql.DatabaseMetaData;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Refreshes the planner's statistics of the request table before the issue step starts. Staging has just added up to
 * millions of rows; PostgreSQL without autovacuum (or before it wakes up) keeps planning for an empty table, and the
 * issue step's page query then runs about a hundred times slower. H2 gets the same treatment. Oracle gathers
 * statistics with its own scheduled job, which is left to the DBA.
 */
public class TableStatistics implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(TableStatistics.class);

    private final JdbcTemplate jdbc;

    public TableStatistics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        refresh();
    }

    public void refresh() {
        String product;
        try {
            product = JdbcUtils.extractDatabaseMetaData(jdbc.getDataSource(), DatabaseMetaData::getDatabaseProductName);
        }
        catch (MetaDataAccessException ex) {
            log.warn("Could not tell the database product; table statistics not refreshed: {}", ex.getMessage());
            return;
        }
        String sql = switch (product) {
            case "PostgreSQL" -> "ANALYZE issuance_request";
            case "H2" -> "ANALYZE TABLE issuance_request SAMPLE_SIZE 20000";
            default -> null;
        };
        if (sql != null) {
            long start = System.nanoTime();
            jdbc.execute(sql);
            log.info("Refreshed the statistics of issuance_request in {} ms", (System.nanoTime() - start) / 1_000_000);
        }
    }
}
