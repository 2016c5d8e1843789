package com.example.cards.jobs;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import com.example.cards.cli.ExitCodes;
import com.example.cards.cli.NightlyStagingRun;
import com.example.cards.crypto.FieldCipher;
import com.example.cards.issue.WalletProvisioning;
import com.example.cards.reference.ReferenceDataLoader;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The staging-table source on the embedded database: claims, late rows, outputs, the
 * nightly run over all batches.
 */
@SpringBootTest
@ActiveProfiles("test")
class StagingJobFunctionalTests {

    static final LocalDate D1 = LocalDate.of(2026, 11, 24);
    static final LocalDate D2 = D1.plusDays(1);

    private static final AtomicInteger BATCH = new AtomicInteger();

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
    @Qualifier("issueStagedJob")
    Job stagedJob;

    @Autowired
    @Qualifier("issueCardsJob")
    Job csvJob;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    FieldCipher cipher;

    @Autowired
    ReferenceDataLoader loader;

    @Autowired
    NightlyStagingRun nightly;

    @Autowired
    GracefulStop gracefulStop;

    @Autowired
    JobRepository jobRepository;

    @TempDir
    Path dir;

    StagingFixture staging;

    @BeforeEach
    void setUp() {
        loader.loadProducts(Path.of("sample-input/products.csv"));
        loader.loadMembers(Path.of("sample-input/members.csv"));
        staging = new StagingFixture(jobOperator, stagedJob, jdbc, cipher, dir.resolve("out"));
    }

    private static String batch() {
        return "stg-" + BATCH.incrementAndGet();
    }

    @Test
    void issuesTheClaimedRowsAndLeavesRowsInsertedDuringTheRunForTheNextRun() throws Exception {
        String batchId = batch();
        String other = batch();
        staging.stage(batchId, 1, StagingFixture.VALID, StagingFixture.PRE_ISSUE, StagingFixture.UNKNOWN_MEMBER);
        staging.stage(other, 1, StagingFixture.VALID);
        String late = StagingFixture.VALID.replace("R1,", "R4,");
        InsertDuringRun.once.set(() -> StagingFixture.stageCommitted(dataSource, cipher, batchId, 4, late));

        JobExecution first = staging.run(batchId, D1);

        assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(InsertDuringRun.once.get()).as("the late row was inserted during the run").isNull();
        List<Map<String, Object>> rows = staging.rows(batchId);
        assertThat(rows).extracting(r -> r.get("REQUEST_ID") + ":" + r.get("STATUS") + ":" + r.get("RESULT_CODE"))
            .containsExactly("R1:ISSUED:000_000", "R2:ISSUED:000_000", "R3:REJECTED:001_006", "R4:PENDING:null");
        assertThat(rows.get(3).get("CLAIM_RUN_DATE")).isNull();
        assertThat(staging.rows(other)).extracting(r -> r.get("STATUS")).containsExactly("PENDING");
        List<String> results = Files.readAllLines(staging.results(batchId, D1), StandardCharsets.UTF_8);
        assertThat(results).hasSize(4);
        assertThat(results.get(0)).isEqualTo(String.join(",", com.example.cards.export.ResultFileWriter.HEADER));
        assertThat(results.get(1)).matches("1,R1,1001,\\d{12}-[0-9a-f]{7},ISSUED,000_000,Success\\.,"
                + "261124[0-9A-Z]{16},941100\\*{6}\\d{4},,20311130");
        assertThat(results.get(2)).matches("2,R2,1003,\\d{12}-[0-9a-f]{7},ISSUED,000_000,Success\\.,"
                + "261124[0-9A-Z]{16},941100\\*{6}\\d{4},941100\\*{6}\\d{4},20311130");
        assertThat(results.get(3))
            .matches("3,R3,5555,\\d{12}-[0-9a-f]{7},REJECTED,001_006,Wallet user not found\\.,,,,");
        assertThat(Files.readString(staging.summary(batchId, D1))).contains("\"source\" : \"STAGING\"")
            .contains("\"records\" : 3")
            .contains("issuance_request (staging table)");
        assertThat(Files.readAllLines(staging.manifest(batchId, D1)).get(0))
            .isEqualTo("H," + batchId + ",20261124,001");
        assertThat(jdbc.queryForObject("SELECT source FROM issuance_batch WHERE batch_id = ?", String.class, batchId))
            .isEqualTo("STAGING");

        JobExecution second = staging.run(batchId, D2);

        assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(staging.rows(batchId)).extracting(r -> r.get("STATUS"))
            .containsExactly("ISSUED", "ISSUED", "REJECTED", "ISSUED");
        List<String> nextResults = Files.readAllLines(staging.results(batchId, D2), StandardCharsets.UTF_8);
        assertThat(nextResults).hasSize(2);
        assertThat(nextResults.get(1)).startsWith("4,R4,1001,").contains(",ISSUED,000_000,Success.,261125");
        assertThat(
                jdbc.queryForObject("SELECT COUNT(*) FROM card_application WHERE batch_id = ?", Integer.class, batchId))
            .isEqualTo(3);
    }

    @Test
    void aRequestIdResubmittedInALaterRunIsADuplicateNotASecondCard() throws Exception {
        String batchId = batch();
        staging.stage(batchId, 1, StagingFixture.VALID);
        staging.run(batchId, D1);
        staging.stage(batchId, 2, StagingFixture.VALID.replace(",1001,", ",1003,"));

        JobExecution second = staging.run(batchId, D2);

        assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(staging.rows(batchId)).extracting(r -> r.get("STATUS") + ":" + r.get("RESULT_CODE"))
            .containsExactly("ISSUED:000_000", "REJECTED:900_001");
    }

    @Test
    void anRrnAnUpstreamSystemWroteIntoAnotherColumnIsRejectedAndEchoedMaskedOnly() throws Exception {
        String batchId = batch();
        staging.stage(batchId, 1, StagingFixture.VALID.replace("R1,", "851122-1456789,"));
        staging.stage(batchId, 2, StagingFixture.RRN_IN_NAME);

        staging.run(batchId, D1);

        assertThat(jdbc.queryForList(
                "SELECT result_message FROM " + JobFixture.REQUESTS + " q WHERE batch_id = ? ORDER BY line_no",
                String.class, batchId))
            .containsExactly("Invalid input parameter. requestId", "Invalid input parameter. userName");
        assertThat(jdbc.queryForList(
                "SELECT request_id || '|' || user_name FROM issuance_request WHERE batch_id = ? " + "ORDER BY line_no",
                String.class, batchId))
            .as("the rows keep the RRNs masked only")
            .containsExactly("851122-1******|김민준", "R5|" + StagingFixture.RRN_IN_NAME_MASKED);
        List<String> outputs = new ArrayList<>();
        try (var files = Files.list(dir.resolve("out"))) {
            for (Path file : files.toList()) {
                outputs.add(Files.readString(file));
            }
        }
        assertThat(String.join("\n", outputs)).contains("851122-1******", "김 851122-1******")
            .doesNotContain("851122-1456789", "8511221456789");
    }

    @Test
    void upstreamUserIdNumIsIgnoredAndSetFromUserId() throws Exception {
        String batchId = batch();
        staging.stage(batchId, 1, StagingFixture.VALID.replace(",1001,", ", 0001001 ,"));
        jdbc.update("UPDATE issuance_request SET user_id_num = 1003 WHERE batch_id = ?", batchId);

        staging.run(batchId, D1);

        assertThat(staging.rows(batchId)).extracting(r -> r.get("STATUS")).containsExactly("ISSUED");
        assertThat(jdbc.queryForObject("SELECT user_id FROM card_application WHERE batch_id = ?", Long.class, batchId))
            .isEqualTo(1001L);
    }

    @Test
    void aCompletedBatchAndRunDateIsNotRunTwice() throws Exception {
        String batchId = batch();
        staging.stage(batchId, 1, StagingFixture.VALID);
        staging.run(batchId, D1);

        assertThatThrownBy(() -> staging.run(batchId, D1)).isInstanceOf(JobInstanceAlreadyCompleteException.class);
    }

    @Test
    void aCsvBatchIdCannotBeRunFromTheStagingTable() throws Exception {
        String batchId = batch();
        JobFixture csv = new JobFixture(jobOperator, csvJob, jdbc, loader, dir.resolve("out"));
        csv.run(batchId, JobFixture.write(dir, "in.csv", JobFixture.HEADER + "\n" + StagingFixture.VALID + "\n"));

        JobExecution execution = staging.run(batchId, D1);

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(execution.getAllFailureExceptions()).first()
            .extracting(Throwable::getMessage)
            .asString()
            .contains("was submitted as a CSV file");
        assertThat(staging.rows(batchId)).extracting(r -> r.get("CLAIM_RUN_DATE")).containsOnlyNulls();
    }

    @Test
    void theNightlyRunIssuesEveryStagingBatchThenSaysTheDateIsCompleted() throws Exception {
        LocalDate date = LocalDate.of(2026, 12, 1);
        String a = batch();
        String b = batch();
        staging.stage(a, 1, StagingFixture.VALID, StagingFixture.UNKNOWN_MEMBER);
        staging.stage(b, 7, StagingFixture.VALID);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = nightly.run(date, dir.resolve("out"), new PrintStream(out, true), new PrintStream(err, true));

        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(staging.rows(a)).extracting(r -> r.get("STATUS")).containsExactly("ISSUED", "REJECTED");
        assertThat(staging.rows(b)).extracting(r -> r.get("STATUS")).containsExactly("ISSUED");
        assertThat(staging.results(a, date)).exists();
        assertThat(staging.results(b, date)).exists();
        assertThat(out.toString()).contains("batch " + a + ": COMPLETED").contains("batch " + b + ": COMPLETED");

        staging.stage(b, 8, StagingFixture.VALID.replace("R1,", "R9,"));
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        int second = nightly.run(date, dir.resolve("out"), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(again, true));

        assertThat(second).isEqualTo(ExitCodes.ALREADY_COMPLETED);
        assertThat(again.toString()).contains("the nightly run for 2026-12-01 already completed");
        assertThat(staging.rows(b)).extracting(r -> r.get("STATUS")).containsExactly("ISSUED", "PENDING");
    }

    @Test
    void aStagingRunAskedToStopEndsStoppedAtAChunkBoundaryAndResumes() throws Exception {
        String batchId = batch();
        staging.stage(batchId, 1, StagingFixture.VALID, StagingFixture.PRE_ISSUE, StagingFixture.UNKNOWN_MEMBER);
        // what the JVM's shutdown does: GracefulStop marks the current run STOPPING, then
        // waits until the run has ended
        Thread stopper = new Thread(gracefulStop::stop);
        InsertDuringRun.once.set(() -> {
            stopper.start();
            await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject(
                        "SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID DESC FETCH FIRST 1 ROW ONLY",
                        String.class), "STOPPING"::equals);
            assertThat(stopper.isAlive()).as("the shutdown waits for the run to end").isTrue();
        });

        JobExecution stopped = staging.run(batchId, D1);
        stopper.join(Duration.ofSeconds(30).toMillis());
        assertThat(stopper.isAlive()).isFalse();
        assertThat(stopped.getStatus()).isEqualTo(BatchStatus.STOPPED);
        assertThat(Files.exists(staging.results(batchId, D1))).as("stopped before the export").isFalse();

        JobExecution resumed = staging.run(batchId, D1);

        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(resumed.getJobInstanceId()).isEqualTo(stopped.getJobInstanceId());
        assertThat(staging.rows(batchId)).extracting(r -> r.get("REQUEST_ID") + ":" + r.get("STATUS"))
            .containsExactly("R1:ISSUED", "R2:ISSUED", "R3:REJECTED");
        assertThat(Files.readAllLines(staging.results(batchId, D1))).hasSize(4);
    }

    /**
     * A stop asked for inside the process (a lost run lock, a signal) while a step is
     * mid-chunk writes the job execution's row only: the step's own thread saves its step
     * execution at every chunk commit, and a second writer of that row made the run fail
     * now and then ({@code OptimisticLockingFailureException}) instead of ending STOPPED.
     */
    @Test
    void aStopAskedForInsideTheProcessMarksOnlyTheJobExecutionAndTheStepEndsItself() throws Exception {
        String batchId = batch();
        staging.stage(batchId, 1, StagingFixture.VALID, StagingFixture.PRE_ISSUE, StagingFixture.UNKNOWN_MEMBER);
        AtomicReference<List<String>> seenMidChunk = new AtomicReference<>();
        InsertDuringRun.once.set(() -> {
            // the step's thread, mid-chunk: the stop comes from another thread
            Thread stopper = new Thread(() -> gracefulStop.stopRun("the run lock of " + batchId + " was lost: test"));
            stopper.start();
            try {
                stopper.join(Duration.ofSeconds(30).toMillis());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            seenMidChunk.set(jdbc.queryForList("""
                    SELECT 'job ' || j.STATUS FROM BATCH_JOB_EXECUTION j
                     WHERE j.JOB_EXECUTION_ID = (SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION)
                    UNION ALL
                    SELECT 'step ' || s.STEP_NAME || ' ' || s.STATUS FROM BATCH_STEP_EXECUTION s
                     WHERE s.JOB_EXECUTION_ID = (SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION)
                       AND s.END_TIME IS NULL""", String.class));
        });

        JobExecution stopped = staging.run(batchId, D1);

        assertThat(seenMidChunk.get()).as("the rows while the step was still in its chunk")
            .containsExactlyInAnyOrder("job STOPPING", "step handOffWallets STARTED");
        assertThat(stopped.getStatus()).isEqualTo(BatchStatus.STOPPED);
        assertThat(stopped.getStepExecutions()).filteredOn(s -> s.getStepName().equals("handOffWallets"))
            .singleElement()
            .extracting(s -> s.getStatus())
            .isEqualTo(BatchStatus.STOPPED);
        assertThat(gracefulStop.stopReason()).contains("the run lock of " + batchId + " was lost: test");

        JobExecution resumed = staging.run(batchId, D1);

        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(staging.rows(batchId)).extracting(r -> r.get("REQUEST_ID") + ":" + r.get("STATUS"))
            .containsExactly("R1:ISSUED", "R2:ISSUED", "R3:REJECTED");
        assertThat(Files.readAllLines(staging.results(batchId, D1))).hasSize(4);
    }

}
