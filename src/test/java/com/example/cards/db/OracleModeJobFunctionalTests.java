package com.example.cards.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.example.cards.crypto.FieldCipher;
import com.example.cards.jobs.BatchRunLock;
import com.example.cards.jobs.JobFixture;
import com.example.cards.jobs.StagingFixture;
import com.example.cards.reference.ReferenceDataLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Oracle migrations (the V1 baseline: Spring Batch's Oracle DDL and the business
 * tables) and the job's own SQL (paging with FETCH FIRST, inserts, claims, exports, the
 * run lock) on H2's Oracle compatibility mode: no Oracle server can run here. This checks
 * the Oracle DDL and the SQL dialect, not the ojdbc driver or Oracle's optimiser.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:oracle-${random.uuid};MODE=Oracle;"
        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
@ActiveProfiles("test")
class OracleModeJobFunctionalTests {

    /**
     * H2 cannot parse Oracle's storage clause {@code SEGMENT CREATION IMMEDIATE} in
     * Spring Batch's Oracle DDL (in the V1 baseline); it changes only when Oracle
     * allocates storage. The migrations run here are the Oracle ones with that clause
     * removed from V1 and nothing else changed (asserted below); later migrations run
     * exactly as shipped.
     */
    static final String STORAGE_CLAUSE = "SEGMENT CREATION IMMEDIATE";
    static final Path ORACLE_ON_H2 = Path.of("target/oracle-migrations-on-h2");

    @DynamicPropertySource
    static void oracleMigrations(DynamicPropertyRegistry registry) throws IOException {
        Path source = Path.of("src/main/resources/db/migration/oracle");
        Files.createDirectories(ORACLE_ON_H2);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.toList()) {
                String sql = Files.readString(file);
                Files.writeString(ORACLE_ON_H2.resolve(file.getFileName()),
                        file.getFileName().toString().startsWith("V1__") ? sql.replace(STORAGE_CLAUSE, "") : sql);
            }
        }
        registry.add("spring.flyway.locations", () -> "filesystem:" + ORACLE_ON_H2.toAbsolutePath());
    }

    @Test
    void onlyTheStorageClauseOfSpringBatchsOracleDdlIsLeftOut() throws IOException {
        Path source = Path.of("src/main/resources/db/migration/oracle");
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.toList()) {
                String original = Files.readString(file);
                String run = Files.readString(ORACLE_ON_H2.resolve(file.getFileName()));
                assertThat(run).isEqualTo(original.replace(STORAGE_CLAUSE, ""));
                if (!file.getFileName().toString().startsWith("V1__")) {
                    assertThat(run).isEqualTo(original);
                }
            }
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

    @TempDir
    Path dir;

    @Test
    void theOracleMigrationsCreateTheSchemaInOracleMode() {
        assertThat(jdbc.queryForObject(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'MODE'", String.class))
            .isEqualTo("Oracle");
        assertThat(jdbc.queryForList(
                "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"",
                String.class))
            .containsExactly("1", "2.10.1", "2.12.1", "2.14.2", "2.14.4", "2.14.5", "2.14.6");
    }

    @Test
    void theSampleCsvRunsEndToEnd() throws Exception {
        JobFixture fixture = new JobFixture(jobOperator, csvJob, jdbc, loader, dir.resolve("out"));

        JobExecution execution = fixture.run("ora-sample", Path.of("sample-input/requests.csv"));

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        SampleExpectations.assertSampleOutcome(jdbc, "ora-sample");
        assertThat(Files.readAllLines(fixture.outputs("ora-sample").results())).hasSize(SampleExpectations.RECORDS + 1);
        assertThat(Files.readAllLines(fixture.outputs("ora-sample").manifest()).get(0))
            .isEqualTo("H,ora-sample,20261124,001");
        // Every committed mobile card was handed to the wallet after the issue step.
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM card c JOIN card_application a "
                + "ON a.card_apply_no = c.card_apply_no WHERE a.batch_id = 'ora-sample' AND c.card_role = 'MOBILE' "
                + "AND EXISTS (SELECT 1 FROM wallet_handoff w WHERE w.card_apply_no = c.card_apply_no)", Integer.class))
            .isPositive();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM card c JOIN card_application a "
                + "ON a.card_apply_no = c.card_apply_no WHERE a.batch_id = 'ora-sample' AND c.card_role = 'MOBILE' "
                + "AND NOT EXISTS (SELECT 1 FROM wallet_handoff w WHERE w.card_apply_no = c.card_apply_no)",
                Integer.class))
            .isZero();
    }

    @Test
    void theStagingSourceRunsEndToEnd() throws Exception {
        loader.loadProducts(Path.of("sample-input/products.csv"));
        loader.loadMembers(Path.of("sample-input/members.csv"));
        StagingFixture staging = new StagingFixture(jobOperator, stagedJob, jdbc, cipher, dir.resolve("out"));
        staging.stage("ora-stg", 1, StagingFixture.VALID, StagingFixture.PRE_ISSUE, StagingFixture.UNKNOWN_MEMBER,
                StagingFixture.RRN_IN_NAME);

        JobExecution execution = staging.run("ora-stg", LocalDate.of(2026, 11, 24));

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(staging.rows("ora-stg")).extracting(r -> r.get("STATUS") + ":" + r.get("RESULT_CODE"))
            .containsExactly("ISSUED:000_000", "ISSUED:000_000", "REJECTED:001_006", "REJECTED:000_002");
        assertThat(jdbc.queryForObject(
                "SELECT user_name FROM issuance_request WHERE batch_id = 'ora-stg' AND line_no = 4", String.class))
            .isEqualTo(StagingFixture.RRN_IN_NAME_MASKED);
        List<String> results = Files.readAllLines(staging.results("ora-stg", LocalDate.of(2026, 11, 24)));
        assertThat(results).hasSize(5);
    }

    @Test
    void theRunLockRefusesASecondHolder() {
        try (BatchRunLock first = BatchRunLock.tryAcquire(dataSource, "ora-lock").orElseThrow()) {
            assertThat(BatchRunLock.tryAcquire(dataSource, "ora-lock")).isEmpty();
        }
        assertThat(BatchRunLock.isHeld(dataSource, "ora-lock")).isFalse();
    }

}
