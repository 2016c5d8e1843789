package com.example.cards.db;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.example.cards.cli.ExitCodes;
import com.example.cards.jobs.JobFixture;
import com.example.cards.reference.ReferenceDataLoader;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real processes
 * ({@code java ... BulkIssuanceApplication --spring.profiles.active=postgres}) launched
 * at the same time on the PostgreSQL server: the same batch runs once and the other
 * launch is refused with exit code 5, nothing issued twice; two different batches both
 * run, at the same time. Many launches of different batches creating their job executions
 * at the same instant all succeed.
 */
@EnabledIfPostgres
@SpringBootTest
@ActiveProfiles({ "postgres", "test" })
class ConcurrentLaunchPostgresIT {

    /** Large enough that one run lasts well beyond the start-up of a second JVM. */
    static final int REQUESTS = 10000;
    static final Path WORK = Path.of("target/concurrent-it");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.register(registry);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ReferenceDataLoader loader;

    @Autowired
    JobRepository jobRepository;

    @BeforeEach
    void setUp() throws IOException {
        loader.loadProducts(Path.of("sample-input/products.csv"));
        loader.loadMembers(Path.of("sample-input/members.csv"));
        Files.createDirectories(WORK);
    }

    @Test
    void twoLaunchesOfTheSameBatchRunItOnceAndRefuseTheOther() throws Exception {
        Path input = requests("same");
        Process a = launch("same", input, "same-1");
        Process b = launch("same", input, "same-2");

        List<Integer> codes = List.of(exit(a, "same-1"), exit(b, "same-2"));

        assertThat(codes).containsExactlyInAnyOrder(ExitCodes.COMPLETED, ExitCodes.ALREADY_RUNNING);
        String refused = Files
            .readString(WORK.resolve(codes.get(0) == ExitCodes.ALREADY_RUNNING ? "same-1.err" : "same-2.err"));
        assertThat(refused).contains("bulk-issuance: batch pg-conc-same is already running");
        assertNothingIssuedTwice("pg-conc-same");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM card_application WHERE batch_id = 'pg-conc-same'",
                Integer.class))
            .isEqualTo(REQUESTS);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + JobFixture.REQUESTS
                + " q WHERE batch_id = 'pg-conc-same' " + "AND status <> 'ISSUED'", Integer.class))
            .isZero();
    }

    @Test
    void twoDifferentBatchesRunAtTheSameTime() throws Exception {
        Process a = launch("one", requests("one"), "one");
        Process b = launch("two", requests("two"), "two");

        assertThat(exit(a, "one")).isEqualTo(ExitCodes.COMPLETED);
        assertThat(exit(b, "two")).isEqualTo(ExitCodes.COMPLETED);

        assertNothingIssuedTwice("pg-conc-one");
        assertNothingIssuedTwice("pg-conc-two");
        List<Timestamp[]> runs = jdbc.query("""
                SELECT e.start_time, e.end_time FROM batch_job_execution e
                  JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id
                 WHERE p.parameter_name = 'batchId' AND p.parameter_value IN ('pg-conc-one', 'pg-conc-two')
                   AND e.status = 'COMPLETED'""",
                (rs, i) -> new Timestamp[] { rs.getTimestamp(1), rs.getTimestamp(2) });
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0)[0].before(runs.get(1)[1]) && runs.get(1)[0].before(runs.get(0)[1]))
            .as("the two runs overlapped in time")
            .isTrue();
    }

    /**
     * What a launch does first, for several different batches at the same instant. Under
     * Spring Batch's default SERIALIZABLE isolation PostgreSQL cancels some of them
     * ("could not serialize access due to read/write dependencies"), so a launch failed
     * only because another batch started beside it; every launch of a batch holds its run
     * lock, so the job repository creates under READ_COMMITTED (docs/design.md).
     */
    @Test
    void differentBatchesCreateTheirExecutionsAtTheSameInstant() throws Exception {
        int launches = 8;
        ExecutorService threads = Executors.newFixedThreadPool(launches);
        try {
            for (int round = 0; round < 5; round++) {
                CyclicBarrier together = new CyclicBarrier(launches);
                List<Future<Long>> created = new ArrayList<>();
                for (int i = 0; i < launches; i++) {
                    JobParameters parameters = new JobParametersBuilder()
                        .addString("batchId", "pg-conc-create-" + round + "-" + i)
                        .addString("runDate", "2026-11-24")
                        .toJobParameters();
                    created.add(threads.submit(() -> {
                        together.await(30, TimeUnit.SECONDS);
                        JobInstance instance = jobRepository.createJobInstance("concurrentCreateJob", parameters);
                        return jobRepository.createJobExecution(instance, parameters, new ExecutionContext()).getId();
                    }));
                }
                for (Future<Long> execution : created) {
                    assertThat(execution.get(1, TimeUnit.MINUTES)).isNotNull();
                }
            }
        }
        finally {
            threads.shutdownNow();
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM batch_job_instance WHERE job_name = 'concurrentCreateJob'",
                Integer.class))
            .isEqualTo(5 * launches);
    }

    private void assertNothingIssuedTwice(String batchId) {
        assertThat(
                jdbc.queryForObject("SELECT COUNT(*) FROM (SELECT request_pk FROM card_application WHERE batch_id = ? "
                        + "GROUP BY request_pk HAVING COUNT(*) > 1) d", Integer.class, batchId))
            .isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM (SELECT c.pan_hash FROM card c JOIN card_application a "
                + "ON a.card_apply_no = c.card_apply_no WHERE a.batch_id = ? GROUP BY c.pan_hash HAVING COUNT(*) > 1) d",
                Integer.class, batchId))
            .isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM card c JOIN card_application a "
                + "ON a.card_apply_no = c.card_apply_no WHERE a.batch_id = ?", Integer.class, batchId))
            .isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM card_application WHERE batch_id = ?", Integer.class,
                    batchId));
    }

    private static Path requests(String name) {
        return JobFixture.requestsOfOneMember(WORK, "pg-conc-" + name + ".csv", "C", REQUESTS);
    }

    private static Process launch(String name, Path input, String log) throws IOException {
        PostgresTestDatabase db = PostgresTestDatabase.get();
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-cp",
                        applicationClasspath(), "com.example.cards.BulkIssuanceApplication",
                        "--spring.profiles.active=postgres", "--spring.datasource.url=" + db.url(),
                        "--spring.datasource.username=" + db.user(), "--spring.datasource.password=" + db.password(),
                        "--issuance.crypto.keystore-path=" + Path.of("target/test-keystore.p12").toAbsolutePath(),
                        "--issuance.crypto.keystore-password=test-only-password", "--issuance.chunk-size=200",
                        "--spring.batch.job.name=issueCardsJob", "batchId=pg-conc-" + name, "runDate=2026-11-24",
                        "inputFile=" + input.toAbsolutePath(), "outputDir=" + WORK.resolve("out").toAbsolutePath()));
        return new ProcessBuilder(command).redirectOutput(WORK.resolve(log + ".out").toFile())
            .redirectError(WORK.resolve(log + ".err").toFile())
            .start();
    }

    private static int exit(Process process, String log) throws Exception {
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("process " + log + " did not finish in 5 minutes");
        }
        return process.exitValue();
    }

    /**
     * The application's classpath: the test JVM's, without the test classes (their test
     * beans are not the app's).
     */
    private static String applicationClasspath() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classpath.split(File.pathSeparator))
            .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
            .collect(Collectors.joining(File.pathSeparator));
    }

}
