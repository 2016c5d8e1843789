package com.example.cards.issue;

import com.example.cards.db.EnabledIfPostgres;
import com.example.cards.db.PostgresTestDatabase;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The duplicate check both ways on the PostgreSQL server, where the issue step takes the
 * one pass (a window over the batch's request ids) and the request table has no
 * request-id index.
 */
@EnabledIfPostgres
@ActiveProfiles(profiles = { "postgres", "test" }, inheritProfiles = false)
class PendingRequestReaderPostgresIT extends PendingRequestReaderTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.register(registry);
    }

    @Test
    void theRequestTableHasNoRequestIdIndex() {
        assertThat(jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE tablename = 'issuance_request'",
                String.class))
            .containsExactlyInAnyOrder("issuance_request_pkey", "uq_request_line", "ix_request_rerun");
    }

}
