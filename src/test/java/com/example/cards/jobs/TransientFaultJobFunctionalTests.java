package com.example.cards.jobs;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.cards.cli.ExitCodes;
import com.example.cards.cli.RestartCommand;
import com.example.cards.cli.StatusReport;
import com.example.cards.issue.IssuanceOutcome;
import com.example.cards.issue.IssuanceWriter;
import com.example.cards.reference.ReferenceDataLoader;

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
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database that drops the connection in the middle of a chunk's write: the write has
 * already inserted the chunk's applications and cards when the fault strikes. Transient
 * faults are retried with back-off and the run completes; persistent ones fail the run,
 * which a restart then completes. Either way every request has exactly one outcome and
 * none has two applications.
 */
@SpringBootTest(properties = { "issuance.recovery.retry-limit=3", "issuance.recovery.retry-delay=5ms",
        "issuance.recovery.retry-max-delay=20ms" })
@ActiveProfiles("test")
class TransientFaultJobFunctionalTests {

    /**
     * Faults still to inject; each write attempt that meets one has done all its SQL
     * first.
     */
    static final AtomicInteger faultsLeft = new AtomicInteger();
    static final AtomicInteger attempts = new AtomicInteger();

    @TestConfiguration
    static class FlakyDatabase {

        @Bean
        @Primary
        IssuanceWriter flakyIssuanceWriter(JdbcTemplate jdbc, Clock clock) {
            return new IssuanceWriter(jdbc, clock) {
                @Override
                public void write(Chunk<? extends IssuanceOutcome> chunk) {
                    attempts.incrementAndGet();
                    super.write(chunk);
                    if (faultsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw new TransientDataAccessResourceException("connection reset by peer (injected)");
                    }
                }
            };
        }

    }

    @Autowired
    JobOperator jobOperator;

    @Autowired
    @Qualifier("issueCardsJob")
    Job job;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ReferenceDataLoader loader;

    @Autowired
    RestartCommand restartCommand;

    @Autowired
    StatusReport statusReport;

    @TempDir
    Path dir;

    JobFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new JobFixture(jobOperator, job, jdbc, loader, dir.resolve("out"));
        faultsLeft.set(0);
        attempts.set(0);
    }

    /**
     * 40 requests: 30 to issue (10 of them with a mobile card), 10 of an unknown member
     * (001_006).
     */
    private Path input() {
        StringBuilder csv = new StringBuilder(JobFixture.HEADER).append('\n');
        for (int i = 0; i < 40; i++) {
            String row = switch (i % 4) {
                case 0 -> ResultCodeJobFunctionalTests.VALID;
                case 1 -> ResultCodeJobFunctionalTests.VALID.replace(",1001,", ",5555,");
                case 2 -> "R1,1003,박지훈,PARK JIHOON,851122-1456789,010-2345-6789,Y,088,110234567890,DEBIT0000000001,"
                        + "PRE_ISSUE,N,Y,04524,서울특별시 중구 세종대로 110,3층";
                default -> "R1,1004,최수아,CHOI SUA,030405-4123456,01034567890,Y,088,1102-3456-7890,DEBIT0000000001,"
                        + "PHYSICAL,N,N,,,";
            };
            csv.append(row.replaceFirst("^R1,", "T" + i + ",")).append('\n');
        }
        return JobFixture.write(dir, "in.csv", csv.toString());
    }

    @Test
    void transientFaultsAreRetriedAndTheRunCompletesWithEveryRequestDecidedOnce() throws Exception {
        faultsLeft.set(3);
        JobExecution execution = fixture.run("flaky-1", input());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(faultsLeft.get()).isZero();
        // 40 requests in chunks of 7 take 6 writes; each of the 3 faults cost one more
        // attempt
        assertThat(attempts.get()).isEqualTo(6 + 3);
        assertConserved("flaky-1");
    }

    @Test
    void aPersistentFaultFailsTheRunWhichARestartCompletes() throws Exception {
        faultsLeft.set(Integer.MAX_VALUE);
        JobExecution failed = fixture.run("flaky-2", input());

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        // the first write attempt and its 3 retries, on each partition's first chunk;
        // nothing was committed
        assertThat(attempts.get()).isEqualTo(2 * (1 + 3));
        assertThat(fixture.count("SELECT COUNT(*) FROM " + JobFixture.REQUESTS + " q WHERE batch_id = 'flaky-2' "
                + "AND status = 'PENDING'"))
            .isEqualTo(40);
        assertThat(fixture.count("SELECT COUNT(*) FROM card_application WHERE batch_id = 'flaky-2'")).isZero();
        assertThat(status("flaky-2")).contains("job execution " + failed.getId() + "  FAILED")
            .contains("Retry policy for operation 'Retryable write operation' exhausted")
            .contains("next: jobs/restart.sh " + failed.getId());

        faultsLeft.set(0);
        JobExecution restarted = restartCommand.restart(new DefaultApplicationArguments("--batch-id=flaky-2"));

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getJobInstance().getInstanceId()).isEqualTo(failed.getJobInstance().getInstanceId());
        assertConserved("flaky-2");
        assertThat(status("flaky-2")).contains("job execution " + restarted.getId() + "  COMPLETED")
            .contains("requests: 40  ISSUED 30, REJECTED 10")
            .contains("001_006 10")
            .contains("jobs/rerun-failed.sh --batch-id flaky-2");
    }

    @Test
    void aRestartOfACompletedBatchIsRefusedWithExitCode3() throws Exception {
        fixture.run("flaky-3", input());

        assertThat(org.assertj.core.api.Assertions
            .catchThrowableOfType(RestartCommand.Refused.class,
                    () -> restartCommand.restart(new DefaultApplicationArguments("flaky-3")))
            .exitCode()).isEqualTo(ExitCodes.ALREADY_COMPLETED);
    }

    private void assertConserved(String batchId) {
        assertThat(fixture.requests(batchId)).hasSize(40)
            .allSatisfy(r -> assertThat(r.get("STATUS")).isIn("ISSUED", "REJECTED"));
        assertThat(fixture.count(
                "SELECT COUNT(*) FROM " + JobFixture.REQUESTS + " q WHERE batch_id = ? AND status = 'ISSUED'", batchId))
            .isEqualTo(30);
        assertThat(fixture.count(
                "SELECT COUNT(*) FROM " + JobFixture.REQUESTS + " q WHERE batch_id = ? AND result_code = '001_006'",
                batchId))
            .isEqualTo(10);
        assertThat(fixture.count("SELECT COUNT(*) FROM card_application WHERE batch_id = ?", batchId)).isEqualTo(30);
        assertThat(fixture.count("SELECT COUNT(DISTINCT request_pk) FROM card_application WHERE batch_id = ?", batchId))
            .isEqualTo(30);
        assertThat(fixture.count("SELECT COUNT(*) FROM card c JOIN card_application a ON a.card_apply_no = "
                + "c.card_apply_no WHERE a.batch_id = ?", batchId))
            .isEqualTo(30 + 10);
        assertThat(fixture.lines(fixture.outputs(batchId).results())).hasSize(41);
    }

    private String status(String batchId) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        statusReport.print(new DefaultApplicationArguments("--batch-id=" + batchId),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

}
