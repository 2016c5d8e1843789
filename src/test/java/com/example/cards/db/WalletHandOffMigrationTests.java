package com.example.cards.db;

import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration {@code V2_14_5} moves the hand-off marks of a database that has them into
 * {@code wallet_handoff}: a card marked {@code Y} gets its row, a card still {@code N} is
 * handed over by the next run.
 */
class WalletHandOffMigrationTests {

    @Test
    void cardsMarkedHandedOverKeepThatStatusInTheNewTable() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:handoff-migration;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/migration/h2")
            .target("2.14.4")
            .load()
            .migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String insert = "INSERT INTO card (pan_hash, card_apply_no, card_role, service_id, pan_enc, pan_key_id, "
                + "expiry_date, wallet_handoff) VALUES (?, ?, ?, 'DIGIT0000000001', 'sealed', ?, '20311130', ?)";
        String keyId = "0".repeat(32);
        jdbc.update(insert, new byte[] { 1 }, "2026112400000000000001", "PHYSICAL", keyId, "N");
        jdbc.update(insert, new byte[] { 2 }, "2026112400000000000001", "MOBILE", keyId, "Y");
        jdbc.update(insert, new byte[] { 3 }, "2026112400000000000002", "MOBILE", keyId, "N");

        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/h2").load().migrate();

        assertThat(jdbc.queryForList("SELECT card_apply_no FROM wallet_handoff", String.class))
            .isEqualTo(List.of("2026112400000000000001"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS "
                + "WHERE TABLE_NAME = 'CARD' AND COLUMN_NAME = 'WALLET_HANDOFF'", Integer.class))
            .isZero();
    }

}
