package com.example.cards.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
        WritePattern pattern = new WritePattern("jdbc:h2:mem:write-pattern-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                REQUESTS, sequentialCardKey);

        Map<String, Double> seconds = pattern.run();

        assertThat(seconds).containsOnlyKeys("stage", "issue", "yardstick");
        assertThat(seconds.values()).allSatisfy((s) -> assertThat(s).isPositive());
        assertThat(pattern.engine()).isEqualTo("h2");
        assertThat(pattern.counts()).containsExactly(Map.entry("issuance_request", 2_001L),
                Map.entry("card_application", 2_001L), Map.entry("card", 2_001L + 501L),
                Map.entry("request_outcome", 2_001L), Map.entry("minimal_card", 2_001L));
    }

}
