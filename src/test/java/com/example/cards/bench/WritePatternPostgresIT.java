package com.example.cards.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;

import com.example.cards.db.EnabledIfPostgres;
import com.example.cards.db.PostgresTestDatabase;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine benchmark's write pattern on PostgreSQL, in a schema of its own in the test
 * database: the same rows as on H2, with the card key as {@code BYTEA} and the user taken
 * from the URL.
 */
@EnabledIfPostgres
class WritePatternPostgresIT {

    private static final String SCHEMA = "write_pattern_it";

    @Test
    void writesEveryRowOfEveryTable() throws Exception {
        PostgresTestDatabase database = PostgresTestDatabase.get();
        execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE", "CREATE SCHEMA " + SCHEMA);
        String url = database.url() + (database.url().contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA + "&user="
                + encode(database.user()) + "&password=" + encode(database.password());
        WritePattern pattern = new WritePattern(url, 1_001, false, Set.of());

        pattern.run();

        assertThat(pattern.engine()).isEqualTo("postgresql");
        assertThat(pattern.counts()).containsExactly(Map.entry("issuance_request", 1_001L),
                Map.entry("card_application", 1_001L), Map.entry("card", 1_001L + 251L),
                Map.entry("request_outcome", 1_001L), Map.entry("minimal_card", 1_001L));
    }

    @AfterEach
    void dropSchema() throws Exception {
        execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }

    private static void execute(String... statements) throws Exception {
        PostgresTestDatabase database = PostgresTestDatabase.get();
        try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

}
