package com.example.cards.db;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration {@code V2_14_7} makes H2 reserve the request table's ids 100,000 at a time,
 * and a database opened again hands out ids above every id it handed out before.
 */
class RequestIdCacheMigrationTests {

    private static final String INSERT = "INSERT INTO issuance_request (batch_id, line_no, status, created_at) "
            + "VALUES ('b', ?, 'PENDING', ?)";

    @Test
    void theRequestIdentityReservesIdsAHundredThousandAtATime() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:request-id-cache;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/h2").load().migrate();

        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS "
                + "WHERE TABLE_NAME = 'ISSUANCE_REQUEST' AND COLUMN_NAME = 'ID'", Long.class))
            .isEqualTo(100_000L);
    }

    @Test
    void aDatabaseOpenedAgainHandsOutIdsAboveTheEarlierOnes(@TempDir Path directory) {
        String url = "jdbc:h2:file:" + directory.resolve("ids") + ";WRITE_DELAY=0";
        Timestamp now = Timestamp.valueOf("2026-12-01 09:00:00");
        DriverManagerDataSource first = new DriverManagerDataSource(url, "sa", "");
        Flyway.configure().dataSource(first).locations("classpath:db/migration/h2").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(first);
        jdbc.update(INSERT, 1, now);
        jdbc.update(INSERT, 2, now);
        jdbc.execute("SHUTDOWN");

        JdbcTemplate reopened = new JdbcTemplate(new DriverManagerDataSource(url, "sa", ""));
        reopened.update(INSERT, 3, now);

        List<Long> ids = reopened.queryForList("SELECT id FROM issuance_request ORDER BY line_no", Long.class);
        assertThat(ids).hasSize(3).doesNotHaveDuplicates();
        assertThat(ids.get(2)).isGreaterThan(ids.get(1));
        reopened.execute("SHUTDOWN");
    }

}
