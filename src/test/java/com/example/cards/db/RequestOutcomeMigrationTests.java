package com.example.cards.db;

import java.sql.Timestamp;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration {@code V2_14_6} moves the outcomes that request rows held into
 * {@code request_outcome}: a decided request keeps its status, code, message, correlation
 * id and time; a PENDING request stays pending (no outcome row); the request rows are
 * left as submitted.
 */
class RequestOutcomeMigrationTests {

    @Test
    void decidedRequestsKeepTheirOutcomesInTheNewTable() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:outcome-migration;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/migration/h2")
            .target("2.14.5")
            .load()
            .migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Timestamp created = Timestamp.valueOf("2026-11-24 09:00:00");
        Timestamp processed = Timestamp.valueOf("2026-11-24 09:05:00");
        String insert = "INSERT INTO issuance_request (id, batch_id, line_no, request_id, status, result_code, "
                + "result_message, correlation_id, created_at, processed_at) VALUES (?, 'm', ?, ?, ?, ?, ?, ?, ?, ?)";
        jdbc.update(insert, 11, 1, "A", "ISSUED", "000_000", null, "C0000000000000000001", created, processed);
        jdbc.update(insert, 12, 2, "B", "REJECTED", "001_006", "User not found.", "C0000000000000000002", created,
                processed);
        jdbc.update(insert, 13, 3, "C", "PENDING", null, null, null, created, null);
        jdbc.update(insert, 14, 4, "D", "REJECTED", "000_002", "Invalid input parameter. userName",
                "C0000000000000000004", created, null);

        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/h2").load().migrate();

        assertThat(jdbc.query(
                "SELECT request_pk, status, result_code, result_message, correlation_id, "
                        + "processed_at FROM request_outcome ORDER BY request_pk",
                (rs, i) -> rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|"
                        + rs.getString(5) + "|" + rs.getTimestamp(6)))
            .containsExactly("11|ISSUED|000_000|null|C0000000000000000001|" + processed,
                    "12|REJECTED|001_006|User not found.|C0000000000000000002|" + processed,
                    "14|REJECTED|000_002|Invalid input parameter. userName|C0000000000000000004|" + created);
        assertThat(jdbc.queryForList("SELECT status FROM issuance_request ORDER BY line_no", String.class))
            .isEqualTo(List.of("PENDING", "PENDING", "PENDING", "PENDING"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = "
                + "'ISSUANCE_REQUEST' AND COLUMN_NAME IN ('RESULT_CODE', 'RESULT_MESSAGE', 'CORRELATION_ID', "
                + "'PROCESSED_AT')", Integer.class))
            .isZero();
    }

}
