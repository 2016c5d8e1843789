package com.example.cards.jobs;

import com.example.cards.db.EnabledIfPostgres;
import com.example.cards.db.PostgresTestDatabase;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The wallet hand-off's guarantees on the PostgreSQL server, where its pages are read
 * with parallel plans turned off and its marks go to pages that keep room for them: the
 * same tests as on H2 (a failed chunk hands nothing over, a failed hand-off on the first
 * or a later page is resumed by a restart without handing any card over twice).
 */
@EnabledIfPostgres
@Import(WalletHandOffJobFunctionalTests.FailingChunkAndWallet.class)
@ActiveProfiles(profiles = { "postgres", "test" }, inheritProfiles = false)
class WalletHandOffPostgresIT extends WalletHandOffJobFunctionalTests {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.register(registry);
    }

}
