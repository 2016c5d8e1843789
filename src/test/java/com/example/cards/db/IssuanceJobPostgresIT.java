package com.example.cards.db;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import com.example.cards.cli.ExitCodes;
import com.example.cards.cli.NightlyStagingRun;
import com.example.cards.crypto.FieldCipher;
import com.example.cards.issue.CardNumberAllocator;
import com.example.cards.issue.CardNumberPermutation;
import com.example.cards.issue.IssuanceOutcome;
import com.example.cards.issue.IssuanceWriter;
import com.example.cards.issue.WalletProvisioning;
import com.example.cards.jobs.JobFixture;
import com.example.cards.jobs.StagingFixture;
import com.example.cards.reference.Product;
import com.example.cards.reference.ProductStatus;
import com.example.cards.reference.ReferenceDataLoader;
import com.example.cards.request.IssueType;
import com.example.cards.request.RequestOutcomes;
import com.example.cards.request.ResultCode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole job, CSV and staging sources, on the PostgreSQL server, in a database of its
 * own.
 */
@EnabledIfPostgres
@SpringBootTest
@ActiveProfiles({ "postgres", "test" })
class IssuanceJobPostgresIT {

    static final LocalDate D1 = LocalDate.of(2026, 11, 24);

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.register(registry);
    }

    /**
     * Runs an action the first time a mobile card is handed over: an upstream insert in
     * the middle of a run.
     */
    @TestConfiguration
    static class InsertDuringRun {

        static final AtomicReference<Runnable> once = new AtomicReference<>();

        @Bean
        @Primary
        WalletProvisioning insertingWallet() {
            return (userId, applyNo, pan, yymm, cvc) -> {
                Runnable action = once.getAndSet(null);
                if (action != null) {
                    action.run();
                }
            };
        }

    }

    @Autowired
    JobOperator jobOperator;

    @Autowired
    @Qualifier("issueCardsJob")
    Job csvJob;

    @Autowired
    @Qualifier("issueStagedJob")
    Job stagedJob;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    ReferenceDataLoader loader;

    @Autowired
    FieldCipher cipher;

    @Autowired
    NightlyStagingRun nightly;

    @Autowired
    PlatformTransactionManager transactionManager;

    @TempDir
    Path dir;

    StagingFixture staging;

    @BeforeEach
    void setUp() {
        loader.loadProducts(Path.of("sample-input/products.csv"));
        loader.loadMembers(Path.of("sample-input/members.csv"));
        staging = new StagingFixture(jobOperator, stagedJob, jdbc, cipher, dir.resolve("out"));
    }

    @Test
    void runsOnPostgresql() {
        assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
        assertThat(PostgresCopy.isPostgres(jdbc)).as("the writers take the COPY path").isTrue();
        assertThat(jdbc.queryForObject("SELECT current_database()", String.class))
            .isEqualTo(PostgresTestDatabase.get().name());
    }

    @Test
    void theSampleCsvGivesTheSameOutcomeAsOnTheEmbeddedDatabase() throws Exception {
        JobFixture fixture = new JobFixture(jobOperator, csvJob, jdbc, loader, dir.resolve("out"));

        JobExecution execution = fixture.run("pg-sample", Path.of("sample-input/requests.csv"));

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        SampleExpectations.assertSampleOutcome(jdbc, "pg-sample");
        assertThat(Files.readAllLines(fixture.outputs("pg-sample").results())).hasSize(SampleExpectations.RECORDS + 1);
        assertThat(Files.readString(fixture.outputs("pg-sample").summary())).contains("\"source\" : \"CSV\"");
        // the job analyses what a step filled before the next step plans its queries
        // (this server has no autovacuum
        // to rely on; last_analyze is set by an explicit ANALYZE only)
        assertThat(jdbc.queryForList("SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL",
                String.class))
            .contains("issuance_request", "card_application");
    }

    @Test
    void aStagingRunLeavesRowsInsertedDuringItForTheNextRun() throws Exception {
        staging.stage("pg-stg", 1, StagingFixture.VALID, StagingFixture.PRE_ISSUE, StagingFixture.UNKNOWN_MEMBER);
        String late = StagingFixture.VALID.replace("R1,", "R4,");
        InsertDuringRun.once.set(() -> StagingFixture.stageCommitted(dataSource, cipher, "pg-stg", 4, late));

        JobExecution first = staging.run("pg-stg", D1);

        assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(InsertDuringRun.once.get()).isNull();
        assertThat(staging.rows("pg-stg")).extracting(r -> r.get("status") + ":" + r.get("result_code"))
            .containsExactly("ISSUED:000_000", "ISSUED:000_000", "REJECTED:001_006", "PENDING:null");
        List<String> results = Files.readAllLines(staging.results("pg-stg", D1), StandardCharsets.UTF_8);
        assertThat(results).hasSize(4);
        assertThat(results.get(3)).startsWith("3,R3,5555,").contains(",REJECTED,001_006,Wallet user not found.");

        JobExecution second = staging.run("pg-stg", D1.plusDays(1));

        assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(staging.rows("pg-stg")).extracting(r -> r.get("status"))
            .containsExactly("ISSUED", "ISSUED", "REJECTED", "ISSUED");
        assertThat(
                jdbc.queryForObject("SELECT COUNT(*) FROM card_application WHERE batch_id = 'pg-stg'", Integer.class))
            .isEqualTo(3);
    }

    @Test
    void theNightlyRunCompletesThenRefusesTheSameDate() {
        LocalDate date = LocalDate.of(2026, 12, 2);
        staging.stage("pg-night-a", 1, StagingFixture.VALID);
        staging.stage("pg-night-b", 1, StagingFixture.VALID, StagingFixture.UNKNOWN_MEMBER, StagingFixture.RRN_IN_NAME);
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int first = nightly.run(date, dir.resolve("out"), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true));
        int second = nightly.run(date, dir.resolve("out"), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true));

        assertThat(first).as(err.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(second).isEqualTo(ExitCodes.ALREADY_COMPLETED);
        assertThat(staging.rows("pg-night-b")).extracting(r -> r.get("status") + ":" + r.get("result_code"))
            .containsExactly("ISSUED:000_000", "REJECTED:001_006", "REJECTED:000_002");
        assertThat(jdbc.queryForObject(
                "SELECT user_name FROM issuance_request WHERE batch_id = 'pg-night-b' AND line_no = 3", String.class))
            .as("an RRN the upstream system wrote into the name is kept masked only")
            .isEqualTo(StagingFixture.RRN_IN_NAME_MASKED);
    }

    @Test
    void keysAndManifestSortColumnsCompareAsBytesWhateverTheServerLocale() {
        List<String> binary = jdbc.queryForList("""
                SELECT table_name || '.' || column_name FROM information_schema.columns
                 WHERE table_schema = current_schema() AND collation_name = 'C'
                   AND table_name IN ('issuance_request', 'card_application', 'card')
                """, String.class);

        assertThat(binary).containsExactlyInAnyOrder("issuance_request.batch_id", "issuance_request.request_id",
                "card_application.card_apply_no", "card_application.batch_id", "card_application.request_id",
                "card_application.zip_code", "card_application.address", "card_application.address_detail",
                "card_application.delivery_class", "card.card_apply_no", "card.card_role");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'ix_request_rerun' "
                + "AND indexdef LIKE '%WHERE (rerun_no IS NOT NULL)%'", Integer.class))
            .as("the rerun index holds rerun rows only")
            .isEqualTo(1);
    }

    @Test
    void aRecordWithANulIsRejectedOnPostgresqlToo() throws Exception {
        JobFixture fixture = new JobFixture(jobOperator, csvJob, jdbc, loader, dir.resolve("out"));
        String line = Files.readAllLines(Path.of("sample-input/requests.csv"), StandardCharsets.UTF_8)
            .get(1)
            .replace("테헤란로 123", "테헤란로\u0000123");
        Path input = JobFixture.write(dir, "nul.csv", JobFixture.HEADER + "\n" + line + "\n");

        JobExecution execution = fixture.run("pg-nul", input);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(fixture.requests("pg-nul")).singleElement().satisfies(row -> {
            assertThat(row.get("status")).isEqualTo("REJECTED");
            assertThat(row.get("result_code")).isEqualTo("000_002");
        });
    }

    @Test
    void aChunkWithARequestDecidedByAnotherRunFailsAndWritesNothing() {
        staging.stage("pg-taken", 1, StagingFixture.VALID, StagingFixture.UNKNOWN_MEMBER);
        List<Long> ids = jdbc
            .queryForList("SELECT id FROM issuance_request WHERE batch_id = 'pg-taken' ORDER BY line_no", Long.class);
        jdbc.update(RequestOutcomes.INSERT, ids.get(1), "ISSUED", "000_000", null, "C0000000000000000009",
                Timestamp.valueOf(LocalDateTime.now()));
        IssuanceWriter writer = new IssuanceWriter(jdbc, Clock.systemDefaultZone());
        Chunk<IssuanceOutcome> chunk = new Chunk<>(
                IssuanceOutcome.rejected(ids.get(0), "C0000000000000000001", ResultCode.USER_NOT_FOUND, null),
                IssuanceOutcome.rejected(ids.get(1), "C0000000000000000002", ResultCode.USER_NOT_FOUND, null));

        assertThatThrownBy(() -> new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
            try {
                writer.write(chunk);
            }
            finally {
                tx.setRollbackOnly();
            }
        })).isInstanceOf(IllegalStateException.class)
            .hasMessage("a request of this chunk already has an outcome: another run is processing this batch")
            .hasCauseInstanceOf(DuplicateKeyException.class);
        assertThat(staging.rows("pg-taken")).extracting(r -> r.get("status")).containsExactly("PENDING", "ISSUED");
    }

    /**
     * Two processes drawing the first card numbers of a new BIN at the same moment: the
     * other one creates the BIN's counter between this one's UPDATE (no row) and INSERT.
     * On PostgreSQL the refused INSERT aborts the transaction, so the range is taken
     * again in a new one.
     */
    @Test
    void aBinCounterCreatedByAnotherProcessAtTheSameMomentIsTakenOver(@Autowired CardNumberPermutation permutation) {
        String bin = "95330011";
        jdbc.update("DELETE FROM bin_counter WHERE bin = ?", bin);
        JdbcTemplate racing = new JdbcTemplate(dataSource) {

            private boolean raced;

            @Override
            public int update(String sql, Object... args) {
                if (!this.raced && sql.startsWith("INSERT INTO bin_counter")) {
                    this.raced = true;
                    try (Connection other = dataSource.getConnection()) {
                        other.setAutoCommit(true);
                        try (PreparedStatement insert = other
                            .prepareStatement("INSERT INTO bin_counter (bin, next_value) VALUES (?, ?)")) {
                            insert.setString(1, bin);
                            insert.setLong(2, 1000);
                            insert.executeUpdate();
                        }
                    }
                    catch (SQLException ex) {
                        throw new IllegalStateException(ex);
                    }
                }
                return super.update(sql, args);
            }

        };
        CardNumberAllocator allocator = new CardNumberAllocator(racing, this.transactionManager, permutation, 1000);
        Product product = new Product("TESTRACE0000001", "Test", "088", Product.DEBIT, Set.of(IssueType.PHYSICAL),
                false, false, null, bin, 16, 60, "STANDARD", "default", ProductStatus.ACTIVE.name());

        assertThat(allocator.next(product)).startsWith(bin).hasSize(16);
        assertThat(jdbc.queryForObject("SELECT next_value FROM bin_counter WHERE bin = ?", Long.class, bin))
            .as("the other process's range, then this one's")
            .isEqualTo(2000L);
    }

}
