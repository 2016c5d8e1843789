package com.example.cards.db;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.example.cards.cli.ExitCodes;
import com.example.cards.jobs.BatchRunLock;
import com.example.cards.jobs.JobFixture;
import com.example.cards.reference.ReferenceDataLoader;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The batch run lock on PostgreSQL cannot be lost silently. A database that ends sessions
 * idling in a transaction ({@code idle_in_transaction_session_timeout}) does not take it
 * from a live run: a second launch is still refused (exit 5). And when its session does
 * end (a DBA's session killer, here {@code pg_terminate_backend}), the run notices at its
 * next heartbeat and stops at a chunk boundary (exit 4) instead of running on unlocked;
 * the restart completes it.
 */
@EnabledIfPostgres
@SpringBootTest
@ActiveProfiles({ "postgres", "test" })
class RunLockPostgresIT {

    static final Path WORK = Path.of("target/run-lock-it");

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
    void aSessionTimeoutForIdleTransactionsDoesNotFreeTheLockOfALiveRun() throws Exception {
        DataSource sessions = new DataSource(PostgresTestDatabase.get());
        // the setting is in force on these sessions: an idle transaction is ended
        try (Connection idle = sessions.getConnection()) {
            idle.setAutoCommit(false);
            idle.createStatement().execute("SELECT 1");
            await().atMost(Duration.ofSeconds(10)).until(() -> !backendAlive(idle));
            assertThatThrownBy(() -> idle.createStatement().execute("SELECT 1")).isInstanceOf(SQLException.class);
        }

        String batchId = "pg-lock-idle";
        List<String> lost = new CopyOnWriteArrayList<>();
        try (BatchRunLock lock = BatchRunLock.tryAcquire(sessions, batchId).orElseThrow()) {
            lock.watch(Duration.ofMillis(300), lost::add);
            // well past the timeout: the lock's session is still there, and so is the
            // lock
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(lost::isEmpty);

            PostgresApplicationProcess second = PostgresApplicationProcess.start(WORK, "second",
                    "--spring.batch.job.name=issueCardsJob", "batchId=" + batchId, "runDate=2026-11-24",
                    "inputFile=" + requests(batchId, 5).toAbsolutePath(),
                    "outputDir=" + WORK.resolve("out").toAbsolutePath());
            assertThat(second.exitCode()).as(second.stderr()).isEqualTo(ExitCodes.ALREADY_RUNNING);
            assertThat(second.stderr()).contains("batch " + batchId + " is already running");
            assertThat(lost).isEmpty();
        }
        assertThat(BatchRunLock.isHeld(sessions, batchId)).isFalse();
    }

    @Test
    void aRunWhoseLockSessionEndsStopsAtOnceAndRestarts() throws Exception {
        String batchId = "pg-lock-lost";
        int requests = 3000;
        PostgresApplicationProcess run = PostgresApplicationProcess.start(WORK, "lost", "--issuance.chunk-size=1",
                "--issuance.recovery.lock-heartbeat=300ms", "--spring.batch.job.name=issueCardsJob",
                "batchId=" + batchId, "runDate=2026-11-24", "inputFile=" + requests(batchId, requests).toAbsolutePath(),
                "outputDir=" + WORK.resolve("out").toAbsolutePath());
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertThat(run.process().isAlive()).as("the run ended early: " + run.stderr()).isTrue();
            return issued(batchId) >= 10;
        });

        List<Integer> lockSessions = jdbc.queryForList("""
                SELECT pid FROM pg_locks
                 WHERE locktype = 'advisory' AND granted
                   AND database = (SELECT oid FROM pg_database WHERE datname = current_database())""", Integer.class);
        assertThat(lockSessions).as("the run holds one advisory lock").hasSize(1);
        jdbc.queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, lockSessions.get(0));

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCodes.STOPPED);
        assertThat(run.stderr()).contains("bulk-issuance: batch " + batchId + " STOPPED",
                "the run lock of " + batchId + " was lost");
        assertThat(issued(batchId)).as("stopped before the end").isLessThan(requests);

        PostgresApplicationProcess restart = PostgresApplicationProcess.start(WORK, "lost-restart",
                "--issuance.command=restart", "--batch-id=" + batchId);
        assertThat(restart.exitCode()).as(restart.stderr()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(issued(batchId)).isEqualTo(requests);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM card_application WHERE batch_id = ?", Long.class, batchId))
            .isEqualTo(requests);
    }

    private long issued(String batchId) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM " + JobFixture.REQUESTS + " q WHERE batch_id = ? AND status = 'ISSUED'",
                Long.class, batchId);
    }

    private boolean backendAlive(Connection connection) throws SQLException {
        int pid = connection.unwrap(org.postgresql.PGConnection.class).getBackendPID();
        return jdbc.queryForObject("SELECT COUNT(*) FROM pg_stat_activity WHERE pid = ?", Integer.class, pid) > 0;
    }

    private static Path requests(String batchId, int count) {
        return JobFixture.requestsOfOneMember(WORK, batchId + ".csv", "L", count);
    }

    /**
     * Sessions of the test database that a DBA has configured to end any transaction left
     * idle for one second.
     */
    private static final class DataSource extends DriverManagerDataSource {

        DataSource(PostgresTestDatabase db) {
            super(db.url(), db.user(), db.password());
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = super.getConnection();
            try (Statement set = connection.createStatement()) {
                set.execute("SET idle_in_transaction_session_timeout = '1s'");
            }
            return connection;
        }

    }

}
