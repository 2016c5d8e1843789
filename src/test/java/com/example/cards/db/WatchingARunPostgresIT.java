package com.example.cards.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.example.cards.cli.ExitCodes;
import com.example.cards.jobs.JobFixture;
import com.example.cards.reference.ReferenceDataLoader;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operator watches a long run (one request per chunk) from other processes, on
 * PostgreSQL: the run logs its progress; a Prometheus Pushgateway (a real one, see
 * {@link TestPushgateway}) receives its metrics during the run and at its end, grouped by
 * job and batch, with the job's own counters equal to what the database holds and no
 * personal data in any label; and a status report from another JVM, started read-only
 * with no keystore at all, shows the run's progress.
 */
@EnabledIfPostgres
@SpringBootTest(properties = "spring.datasource.hikari.maximum-pool-size=2")
@ActiveProfiles({ "postgres", "test" })
@DirtiesContext // its connections go back to the server, which other test JVMs share
class WatchingARunPostgresIT {

    /**
     * One request per chunk: a run still issuing when a second JVM is up, even on an idle
     * machine.
     */
    static final int VALID = 10_000;

    static final int INVALID = 4;

    static final String BATCH = "pg-watched";

    static final Path WORK = Path.of("target/watch-it");

    /** The synthetic personal data of every request: none of it may become a label. */
    static final List<String> PERSONAL = List.of("김민준", "KIM MINJUN", "900101-1234567", "010-1234-5678",
            "110-123-456789", "06236", "테헤란로", "1001");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.register(registry);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ReferenceDataLoader loader;

    TestPushgateway pushgateway;

    @BeforeEach
    void setUp() throws Exception {
        pushgateway = TestPushgateway.startOrUse(WORK);
        pushgateway.deleteGroup("issueCardsJob", BATCH);
        loader.loadProducts(Path.of("sample-input/products.csv"));
        loader.loadMembers(Path.of("sample-input/members.csv"));
    }

    @AfterEach
    void tearDown() {
        if (pushgateway != null) {
            pushgateway.close();
        }
    }

    @Test
    void anOperatorWatchesProgressStatusAndMetrics() throws Exception {
        Path input = requests();
        PostgresApplicationProcess run = PostgresApplicationProcess.start(WORK, "run",
                "--spring.datasource.hikari.maximum-pool-size=5", "--issuance.chunk-size=1",
                "--issuance.progress.interval=200ms", "--issuance.progress.display=log",
                "--management.prometheus.metrics.export.pushgateway.enabled=true",
                "--management.prometheus.metrics.export.pushgateway.address=" + pushgateway.address(),
                "--management.prometheus.metrics.export.pushgateway.push-rate=500ms",
                "--spring.batch.job.name=issueCardsJob", "batchId=" + BATCH, "runDate=2026-11-24",
                "inputFile=" + input.toAbsolutePath(), "outputDir=" + WORK.resolve("out").toAbsolutePath());
        String group = "batch=\"" + BATCH + "\"";

        // pushed during the run, not only at its end
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(run.process().isAlive()).as("the run ended too soon: " + run.stderr()).isTrue();
            List<TestPushgateway.Sample> issued = TestPushgateway.samples(pushgateway.metrics(),
                    "issuance_requests_issued_total", group);
            return !issued.isEmpty() && issued.get(0).value() > 0 && issued.get(0).value() < VALID;
        });

        // a status from another JVM: read-only, with no keystore configured at all
        Path noKeystore = WORK.resolve("no-such-keystore.p12");
        PostgresApplicationProcess status = PostgresApplicationProcess.startWithoutKeystore(WORK, "status",
                "--issuance.command=status", "--spring.profiles.include=read-only", "--batch-id=" + BATCH,
                "--spring.datasource.hikari.maximum-pool-size=2",
                "--issuance.crypto.keystore-path=" + noKeystore.toAbsolutePath(),
                "--issuance.crypto.create-keystore-if-missing=false");
        assertThat(status.exitCode()).as(status.stderr()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(status.stdout()).containsPattern("progress at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  "
                + "issueCards: [\\d,]+/" + String.format(java.util.Locale.ROOT, "%,d", VALID)
                + " records \\(\\d+\\.\\d%\\), [\\d,]+/s, ETA ");
        assertThat(noKeystore).doesNotExist();

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(run.stdout()).containsPattern(
                "INFO .*Progress of job execution \\d+: issueCards: [\\d,]+/10,000 records \\(\\d+\\.\\d%\\)");

        // the final push: the job's counters equal what the database holds
        String metrics = pushgateway.metrics();
        assertThat(TestPushgateway.samples(metrics, "issuance_requests_issued_total", group)).singleElement()
            .satisfies(s -> {
                assertThat(s.value()).isEqualTo(VALID);
                assertThat(s.labels()).contains("job=\"issueCardsJob\"");
            });
        Map<String, Long> rejected = new HashMap<>();
        jdbc.query("SELECT result_code, COUNT(*) FROM " + JobFixture.REQUESTS
                + " q WHERE batch_id = ? AND status = 'REJECTED' " + "GROUP BY result_code", rs -> {
                    rejected.put(rs.getString(1), rs.getLong(2));
                }, BATCH);
        assertThat(rejected.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(INVALID);
        rejected.forEach((code,
                count) -> assertThat(TestPushgateway.samples(metrics, "issuance_requests_rejected_total", group,
                        "code=\"" + code + "\""))
                    .singleElement()
                    .satisfies(s -> assertThat(s.value()).isEqualTo(count.doubleValue())));
        jdbc.query("SELECT c.card_role, COUNT(*) FROM card c JOIN card_application a ON a.card_apply_no = "
                + "c.card_apply_no WHERE a.batch_id = ? GROUP BY c.card_role", rs -> {
                    String role = rs.getString(1);
                    long count = rs.getLong(2);
                    assertThat(TestPushgateway.samples(metrics, "issuance_cards_issued_total", group,
                            "role=\"" + role + "\""))
                        .singleElement()
                        .satisfies(s -> assertThat(s.value()).isEqualTo(count));
                }, BATCH);
        // Spring Batch's own observations, in the same group
        assertThat(TestPushgateway.samples(metrics, "spring_batch_job_seconds_count", group,
                "spring_batch_job_name=\"issueCardsJob\"", "spring_batch_job_status=\"COMPLETED\""))
            .singleElement();
        assertThat(TestPushgateway.samples(metrics, "spring_batch_step_seconds_count", group,
                "spring_batch_step_name=\"issueCards\""))
            .isNotEmpty();
        // per-item observations are off by default (issuance.metrics.item-observations)
        assertThat(TestPushgateway.samples(metrics, "spring_batch_chunk_write_seconds_count", group)).isNotEmpty();
        assertThat(metrics).doesNotContain("spring_batch_item_");

        List<String> labels = TestPushgateway.labelValues(metrics);
        for (String personal : PERSONAL) {
            assertThat(labels).noneMatch(value -> value.contains(personal));
        }
        assertThat(labels).noneMatch(value -> value.matches("W\\d+"));
    }

    private static Path requests() throws IOException {
        StringBuilder csv = new StringBuilder(JobFixture.HEADER).append('\n');
        for (int i = 1; i <= VALID + INVALID; i++) {
            // the last few have an account number of the wrong format: rejected at
            // staging
            String account = i > VALID ? "ACCOUNT" : "110-123-456789";
            csv.append("W")
                .append(i)
                .append(",1001,김민준,KIM MINJUN,900101-1234567,010-1234-5678,Y,088,")
                .append(account)
                .append(",DEBIT0000000001,PHYSICAL,Y,Y,06236,서울특별시 강남구 테헤란로 123,10층\n");
        }
        Files.createDirectories(WORK);
        Path file = WORK.resolve(BATCH + ".csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return file;
    }

}
