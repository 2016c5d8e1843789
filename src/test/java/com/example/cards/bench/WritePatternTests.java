package com.example.cards.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The engine benchmark's write pattern on a private in-memory H2, with a last chunk short
 * of {@link WritePattern#CHUNK} on each thread: every request gives one staged row, one
 * application, one outcome, one yardstick row, and a second card for one request in four,
 * under either kind of card key.
 */
class WritePatternTests {

    private static final int REQUESTS = 2_001;

    @ParameterizedTest
    @ValueSource(booleans = { false, true })
    void writesEveryRowOfEveryTable(boolean sequentialCardKey) throws Exception {
        WritePattern pattern = new WritePattern(url(), REQUESTS, sequentialCardKey, Set.of());

        Map<String, Double> seconds = pattern.run();

        assertThat(seconds).containsOnlyKeys("stage", "issue", "yardstick");
        assertThat(seconds.values()).allSatisfy((s) -> assertThat(s).isPositive());
        assertThat(pattern.engine()).isEqualTo("h2");
        assertThat(pattern.counts()).containsExactly(Map.entry("issuance_request", 2_001L),
                Map.entry("card_application", 2_001L), Map.entry("card", 2_001L + 501L),
                Map.entry("request_outcome", 2_001L), Map.entry("minimal_card", 2_001L));
        assertThat(indexNames(pattern)).containsAll(WritePattern.KEYS.keySet());
    }

    @Test
    void leavesOutTheKeysNamedAndOnlyThose() throws Exception {
        WritePattern pattern = new WritePattern(url(), 10, false, Set.of("ix_request_rerun", "uq_card_role"));

        pattern.run();

        assertThat(indexNames(pattern)).doesNotContain("ix_request_rerun", "uq_card_role")
            .contains("uq_request_line", "ix_request_request_id", "uq_application_request",
                    "uq_application_batch_request");
    }

    @Test
    void refusesAKeyItDoesNotKnow() {
        assertThatIllegalArgumentException().isThrownBy(() -> new WritePattern(url(), 10, false, Set.of("uq_typo")))
            .withMessageContaining("uq_typo");
    }

    private static String url() {
        return "jdbc:h2:mem:write-pattern-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    private static List<String> indexNames(WritePattern pattern) throws SQLException {
        try (Connection c = pattern.open();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES")) {
            List<String> names = new ArrayList<>();
            while (r.next()) {
                names.add(r.getString(1).toLowerCase(Locale.ROOT));
            }
            return names;
        }
    }

}
