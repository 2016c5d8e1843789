package com.example.cards.db;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import com.example.cards.cli.ExitCodes;
import com.example.cards.jobs.JobFixture;
import com.example.cards.reference.ReferenceDataLoader;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code stop} from another process, through the job repository only: a run in one child
 * JVM (one request per chunk, so it is mid-issue for a while) is stopped by the stop
 * command in a second child JVM. The command only marks the execution STOPPING in the
 * database ({@code StopRequests}); the running process must notice it at its next chunk
 * boundary and end STOPPED with exit code 4. Then: a second stop finds nothing running
 * (exit 3), an unknown execution id is refused (exit 2), and a restart completes the run
 * with nothing issued twice.
 */
@EnabledIfPostgres
@SpringBootTest
@ActiveProfiles({ "postgres", "test" })
class StopFromAnotherProcessPostgresIT {

    /**
     * One request per chunk (staging too): a run that lasts well beyond the start of a
     * second JVM. With 3,000 the issue step was seen to end (in under 8 s on an idle
     * machine) before the stopping JVM was up; 10,000 gives it about half a minute.
     */
    static final int REQUESTS = 10_000;

    static final String BATCH = "pg-stop-remote";

    static final Path WORK = Path.of("target/stop-it");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.register(registry);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ReferenceDataLoader loader;

    @BeforeEach
    void setUp() throws IOException {
        loader.loadProducts(Path.of("sample-input/products.csv"));
        loader.loadMembers(Path.of("sample-input/members.csv"));
    }

    @Test
    void aRunStoppedFromAnotherProcessEndsStoppedAndRestarts() throws Exception {
        Path input = requests();
        PostgresApplicationProcess run = PostgresApplicationProcess.start(WORK, "run", "--issuance.chunk-size=1",
                "--spring.batch.job.name=issueCardsJob", "batchId=" + BATCH, "runDate=2026-11-24",
                "inputFile=" + input.toAbsolutePath(), "outputDir=" + WORK.resolve("out").toAbsolutePath());
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertThat(run.process().isAlive()).as("the run ended before the stop: " + run.stderr()).isTrue();
            return issued() >= 10;
        });

        PostgresApplicationProcess stop = PostgresApplicationProcess.start(WORK, "stop", "--issuance.command=stop",
                "--batch-id=" + BATCH);
        assertThat(stop.exitCode()).as(stop.stderr()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(issued()).as("the stop came while the run was issuing").isLessThan(REQUESTS);
        assertThat(stop.stdout()).contains("Stop requested for job execution", "issue of batch " + BATCH);

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCodes.STOPPED);
        assertThat(run.stderr()).contains("bulk-issuance: batch " + BATCH + " STOPPED");
        assertThat(lastStatus()).isEqualTo("STOPPED");
        long issuedWhenStopped = issued();
        assertThat(issuedWhenStopped).as("stopped before the end").isLessThan(REQUESTS);
        assertThat(jdbc.queryForObject("""
                SELECT SUM(s.write_count) FROM batch_step_execution s
                 WHERE s.job_execution_id = (SELECT MAX(job_execution_id) FROM batch_job_execution)
                   AND s.step_name LIKE 'issueCardsWorker%'""", Long.class))
            .as("stopped at a chunk boundary: every issued request is in a committed, counted chunk")
            .isEqualTo(issuedWhenStopped);

        PostgresApplicationProcess again = PostgresApplicationProcess.start(WORK, "stop-again",
                "--issuance.command=stop", "--batch-id=" + BATCH);
        assertThat(again.exitCode()).as(again.stderr()).isEqualTo(ExitCodes.ALREADY_COMPLETED);
        assertThat(again.stderr()).contains("nothing of batch " + BATCH + " is running");
        PostgresApplicationProcess unknown = PostgresApplicationProcess.start(WORK, "stop-unknown",
                "--issuance.command=stop", "987654321");
        assertThat(unknown.exitCode()).as(unknown.stderr()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(unknown.stderr()).contains("there is no job execution 987654321");

        PostgresApplicationProcess restart = PostgresApplicationProcess.start(WORK, "restart",
                "--issuance.command=restart", "--batch-id=" + BATCH);
        assertThat(restart.exitCode()).as(restart.stderr()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(lastStatus()).isEqualTo("COMPLETED");
        assertThat(issued()).isEqualTo(REQUESTS);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM card_application WHERE batch_id = ?", Long.class, BATCH))
            .isEqualTo(REQUESTS);
    }

    private long issued() {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM " + JobFixture.REQUESTS + " q WHERE batch_id = ? AND status = 'ISSUED'",
                Long.class, BATCH);
    }

    private String lastStatus() {
        return jdbc.queryForObject("""
                SELECT e.status FROM batch_job_execution e
                  JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id
                 WHERE p.parameter_name = 'batchId' AND p.parameter_value = ?
                 ORDER BY e.job_execution_id DESC FETCH FIRST 1 ROWS ONLY""", String.class, BATCH);
    }

    private static Path requests() {
        return JobFixture.requestsOfOneMember(WORK, BATCH + ".csv", "S", REQUESTS);
    }

}
