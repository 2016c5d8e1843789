package com.example.cards.db;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.example.cards.cli.ExitCodes;
import com.example.cards.cli.StopCommand;
import com.example.cards.crypto.FieldCipher;
import com.example.cards.jobs.JobFixture;
import com.example.cards.reference.ReferenceDataLoader;
import com.example.cards.stage.StagingTableWriter;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Remote partitioning on real processes: managers and workers are child JVMs on the
 * PostgreSQL test database and the RabbitMQ test broker, as separate hosts would run
 * them.
 * <ol>
 * <li>A manager with two workers gives exactly the outcome of a local run of the same
 * file: the same status and code per line, the same counts, outputs and checks.</li>
 * <li>A worker killed (SIGKILL) in the middle of a partition: the run fails after the
 * manager's timeout with one line that says so; restart completes it with another worker,
 * with no request issued twice and no card number twice.</li>
 * <li>Partitions sent while no worker runs wait in the queue, their messages carrying
 * step execution ids only; a worker started later takes them and the run completes.</li>
 * <li>No worker at all: the manager fails after its timeout (exit 1, one line); a worker
 * started later drops the stale messages, and restart completes the run.</li>
 * <li>SIGTERM to a worker in the middle of a partition: the chunk in hand is committed,
 * the partition ends STOPPED and the worker exits; the partitions still queued go to
 * another worker, the run ends STOPPED (exit 4), and restart completes it.</li>
 * <li>{@code stop} from another process: every partition stops at a chunk boundary, the
 * run ends STOPPED (exit 4), the worker stays up and runs the restarted partitions.</li>
 * <li>A staging run and a rerun with a worker give the outcome of the same runs done
 * locally.</li>
 * </ol>
 */
@EnabledIfPostgres
@EnabledIfRabbit
@SpringBootTest
@ActiveProfiles({ "postgres", "test" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemotePartitioningPostgresIT {

    static final Path WORK = Path.of("target/remote-partitioning-it");

    /** Requests of the equivalence and kill runs: 300 per partition, 150 chunks of 2. */
    static final int REQUESTS = 1200;

    /** The shared workers' queue; the no-worker tests use one of their own. */
    static final String QUEUE = RabbitTestBroker.newQueue("workers");

    static final List<PostgresApplicationProcess> STARTED = new ArrayList<>();

    static PostgresApplicationProcess workerA;

    static PostgresApplicationProcess workerB;

    /**
     * A worker's exit code after SIGTERM: 128 + 15, the JVM's own, once the partitions in
     * hand have stopped.
     */
    static final int WORKER_STOPPED_BY_SIGTERM = 143;

    static final String STAGED_VALID = ",1001,김민준,KIM MINJUN,900101-1234567,010-1234-5678,Y,088,110-123-456789,"
            + "DEBIT0000000001,PHYSICAL,Y,Y,06236,서울특별시 강남구 테헤란로 123,10층";

    static final String STAGED_PRE_ISSUE = ",1003,박지훈,PARK JIHOON,851122-1456789,+82 10 2345 6789,Y,088,"
            + "110234567890,DEBIT0000000001,PRE_ISSUE,N,Y,04524,서울특별시 중구 세종대로 110,3층";

    static final String STAGED_UNKNOWN_MEMBER = STAGED_VALID.replace(",1001,", ",5555,");

    /** Member 1002 has no active mobile wallet: rejected with 003_064 until it has. */
    static final String STAGED_NO_WALLET = ",1002,이서연,LEE SEOYEON,920315-2345678,010-7890-1234,Y,088,110-777-123456,"
            + "DEBIT0000000001,PRE_ISSUE,N,Y,06236,서울특별시 강남구 테헤란로 123,5층";

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.register(registry);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ReferenceDataLoader loader;

    @Autowired
    FieldCipher cipher;

    @Autowired
    StopCommand stops;

    @BeforeEach
    void setUp() throws IOException {
        loader.loadProducts(Path.of("sample-input/products.csv"));
        loader.loadMembers(Path.of("sample-input/members.csv"));
    }

    @AfterAll
    static void stopProcesses() {
        STARTED.forEach(child -> child.process().destroyForcibly());
    }

    @Test
    @Order(1)
    void aManagerWithTwoWorkersGivesTheOutcomeOfALocalRun() throws Exception {
        workerA = worker("worker-a", QUEUE);
        workerB = worker("worker-b", QUEUE);
        Path input = mixedRequests("mixed", REQUESTS);
        PostgresApplicationProcess local = start("local", "--issuance.grid-size=4", "--issuance.chunk-size=2",
                "--spring.batch.job.name=issueCardsJob", "batchId=rp-local", "runDate=2026-11-24",
                "inputFile=" + input.toAbsolutePath(), "outputDir=" + WORK.resolve("out").toAbsolutePath());
        assertThat(local.exitCode()).as(local.stderr()).isEqualTo(ExitCodes.COMPLETED);
        awaitReady(workerA);
        awaitReady(workerB);

        PostgresApplicationProcess remote = manager("remote", QUEUE, "3m", "--spring.batch.job.name=issueCardsJob",
                "batchId=rp-remote", "runDate=2026-11-24", "inputFile=" + input.toAbsolutePath(),
                "outputDir=" + WORK.resolve("out").toAbsolutePath());
        assertThat(remote.exitCode()).as(remote.stderr()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(remote.stdout()).contains("Batch rp-remote COMPLETED");

        assertThat(outcomes("rp-remote")).hasSize(REQUESTS).containsExactlyElementsOf(outcomes("rp-local"));
        assertThat(outcomes("rp-remote").stream().map(o -> o.split(":")[2]).distinct().count())
            .as("the file exercises several codes")
            .isGreaterThan(2);
        assertThat(resultCodes("rp-remote-results.csv")).containsExactlyElementsOf(resultCodes("rp-local-results.csv"));
        assertThat(lines("rp-remote-rejections.csv")).hasSameSizeAs(lines("rp-local-rejections.csv"));
        assertThat(lines("rp-remote-manifest.csv")).hasSameSizeAs(lines("rp-local-manifest.csv"));
        assertThat(counts("rp-remote-summary.json")).isEqualTo(counts("rp-local-summary.json"));
        assertIssuedOnce("rp-remote");
        SampleExpectations.assertReferencesHold(jdbc);
        assertThat(partitionsRunBy(workerA) + partitionsRunBy(workerB)).as("the workers ran the 4 partitions")
            .isEqualTo(4);
        assertThat(partitionsRunBy(workerA)).as("both workers took partitions").isPositive();
        assertThat(partitionsRunBy(workerB)).as("both workers took partitions").isPositive();
    }

    @Test
    @Order(2)
    void aWorkerKilledMidPartitionFailsTheRunAfterTheTimeoutAndRestartCompletesIt() throws Exception {
        int requests = REQUESTS;
        Path input = mixedRequests("kill", requests);
        String before = workerA.stdout();
        PostgresApplicationProcess run = manager("kill", QUEUE, "45s", "--spring.batch.job.name=issueCardsJob",
                "batchId=rp-kill", "runDate=2026-11-24", "inputFile=" + input.toAbsolutePath(),
                "outputDir=" + WORK.resolve("out").toAbsolutePath());
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertThat(run.process().isAlive()).as("the run ended before the kill: " + run.stderr()).isTrue();
            String since = workerA.stdout().substring(before.length());
            return since.contains("Running partition") && !since.contains(" ended ") && issued("rp-kill") >= 20;
        });
        workerA.process().destroyForcibly().waitFor();
        long issuedAtKill = issued("rp-kill");
        assertThat(issuedAtKill).as("killed in the middle of the run").isLessThan(requests);

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.stderr().strip().lines()).hasSize(1);
        assertThat(run.stderr()).contains("bulk-issuance: batch rp-kill FAILED", "did not end within PT45S",
                "taken by a worker that died or was too slow");
        assertThat(lastStatus("rp-kill")).isEqualTo("FAILED");
        assertThat(issued("rp-kill")).as("the killed worker's partition was not finished").isLessThan(requests);

        assertRestartCompletes("kill", QUEUE, requests);
        SampleExpectations.assertReferencesHold(jdbc);
    }

    @Test
    @Order(3)
    void partitionsWaitForAWorkerAndALateWorkerTakesThem() throws Exception {
        String queue = RabbitTestBroker.newQueue("late");
        Path input = mixedRequests("late", 200);

        // no worker at all: the manager gives up after its timeout, on one line
        PostgresApplicationProcess alone = manager("alone", queue, "5s", "--spring.batch.job.name=issueCardsJob",
                "batchId=rp-alone", "runDate=2026-11-24", "inputFile=" + input.toAbsolutePath(),
                "outputDir=" + WORK.resolve("out").toAbsolutePath());
        assertThat(alone.exitCode()).as(alone.stderr()).isEqualTo(ExitCodes.FAILED);
        assertThat(alone.stderr().strip().lines()).hasSize(1);
        assertThat(alone.stderr()).contains("bulk-issuance: batch rp-alone FAILED",
                "4 partition(s) of the issue step did not end within PT5S (issuance.remote.timeout): 4 taken by no "
                        + "worker",
                "jobs/worker.sh");
        assertThat(issued("rp-alone")).isZero();

        // partitions sent before any worker runs wait in the queue
        PostgresApplicationProcess late = manager("late", queue, "3m", "--spring.batch.job.name=issueCardsJob",
                "batchId=rp-late", "runDate=2026-11-24", "inputFile=" + input.toAbsolutePath(),
                "outputDir=" + WORK.resolve("out").toAbsolutePath());
        RabbitAdmin admin = new RabbitAdmin(RabbitTestBroker.connectionFactory());
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(late.process().isAlive()).as("the manager ended: " + late.stderr()).isTrue();
            return admin.getQueueInfo(queue) != null && admin.getQueueInfo(queue).getMessageCount() == 8;
        });
        assertMessagesCarryStepExecutionIdsOnly(queue, 8);

        PostgresApplicationProcess worker = worker("worker-late", queue);
        assertThat(late.exitCode()).as(late.stderr()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(outcomes("rp-late")).hasSize(200)
            .containsExactlyElementsOf(outcomes("rp-local").stream().limit(200).toList());
        assertThat(worker.stdout()).as("the stale partitions of the failed run are dropped, not run")
            .contains("Dropped the request for step execution");
        assertThat(issued("rp-alone")).as("nothing of the failed run was issued by the stale messages").isZero();

        // and the failed run, restarted, completes with the worker that now runs
        PostgresApplicationProcess restart = manager("alone-restart", queue, "3m", "--issuance.command=restart",
                "--batch-id=rp-alone");
        assertThat(restart.exitCode()).as(restart.stderr()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(lastStatus("rp-alone")).isEqualTo("COMPLETED");
        assertThat(decisions("rp-alone")).containsExactlyElementsOf(decisions("rp-late"));
        assertIssuedOnce("rp-alone");
        assertIssuedOnce("rp-late");

        // SIGTERM ends an idle worker
        assertEndsOnSigterm(worker);
    }

    @Test
    @Order(4)
    void sigtermToABusyWorkerCommitsTheChunkInHandStopsThePartitionAndRestartCompletesTheRun() throws Exception {
        String queue = RabbitTestBroker.newQueue("sigterm");
        PostgresApplicationProcess busy = worker("worker-sigterm", queue);
        PostgresApplicationProcess run = runUntilTheWorkerIsBusy("sigterm", queue, busy);

        busy.process().destroy(); // SIGTERM
        assertThat(busy.process().waitFor(1, TimeUnit.MINUTES)).as("the worker exits promptly").isTrue();
        assertThat(busy.process().exitValue()).as(busy.stderr()).isEqualTo(WORKER_STOPPED_BY_SIGTERM);
        assertThat(busy.stdout()).contains("Stopping: 1 partition(s) in hand end after their current chunk")
            .containsPattern("Partition issueCardsWorker:partition\\d+ \\(step execution \\d+\\) ended STOPPED");
        List<Partition> partitions = partitions("rp-sigterm");
        assertThat(partitions).filteredOn(p -> p.status().equals("STOPPED"))
            .singleElement()
            .satisfies(p -> assertThat(p.written()).as("whole chunks of 2 only, short of the partition's end")
                .isEven()
                .isPositive()
                .isLessThan(REQUESTS / 4));
        assertThat(partitions).as("no partition is left running by the worker that ended")
            .noneMatch(p -> p.status().equals("STARTED"));
        assertEveryDecisionIsInACommittedChunk("rp-sigterm", partitions);
        assertThat(run.process().isAlive()).as("the manager waits for the partitions no worker has run yet").isTrue();

        // another worker runs the partitions that went back to the queue; the run ends
        // STOPPED and restart runs the stopped partition from its last chunk
        PostgresApplicationProcess next = worker("worker-after-sigterm", queue);
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCodes.STOPPED);
        assertThat(run.stderr()).contains("bulk-issuance: batch rp-sigterm STOPPED");
        assertThat(lastStatus("rp-sigterm")).isEqualTo("STOPPED");
        assertThat(partitions("rp-sigterm")).extracting(Partition::status)
            .containsExactlyInAnyOrder("STOPPED", "COMPLETED", "COMPLETED", "COMPLETED");

        assertRestartCompletes("sigterm", queue, REQUESTS);
        assertEndsOnSigterm(next);
    }

    @Test
    @Order(5)
    void aRemoteRunStoppedFromAnotherProcessStopsItsPartitionsAtAChunkBoundaryAndTheWorkersServeOn() throws Exception {
        String queue = RabbitTestBroker.newQueue("stop");
        PostgresApplicationProcess serving = worker("worker-stop", queue);
        PostgresApplicationProcess run = runUntilTheWorkerIsBusy("stop", queue, serving);

        // the stop command, in this JVM: the manager and the worker learn of it from the
        // job repository only
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        assertThat(stops.stop(new DefaultApplicationArguments("--batch-id=rp-stop"),
                new PrintStream(said, true, StandardCharsets.UTF_8)))
            .isEqualTo(ExitCodes.COMPLETED);
        assertThat(said.toString(StandardCharsets.UTF_8)).contains("Stop requested for job execution");
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCodes.STOPPED);
        assertThat(run.stderr()).contains("bulk-issuance: batch rp-stop STOPPED");
        assertThat(lastStatus("rp-stop")).isEqualTo("STOPPED");
        List<Partition> partitions = partitions("rp-stop");
        assertThat(partitions).hasSize(4).allSatisfy(p -> assertThat(p.status()).isIn("STOPPED", "COMPLETED"));
        assertThat(partitions).filteredOn(p -> p.status().equals("STOPPED"))
            .isNotEmpty()
            .allSatisfy(p -> assertThat(p.written()).as("whole chunks of 2 only").isEven());
        assertThat(pending("rp-stop")).as("stopped before the end").isPositive();
        assertEveryDecisionIsInACommittedChunk("rp-stop", partitions);
        assertThat(serving.stdout()).containsPattern("ended STOPPED: \\d+ written");
        assertThat(serving.process().isAlive()).as("the worker serves on after the stop").isTrue();

        // the same worker runs the restarted partitions
        long ranBefore = partitionsRunBy(serving);
        assertRestartCompletes("stop", queue, REQUESTS);
        assertThat(partitionsRunBy(serving)).isGreaterThan(ranBefore);
        assertEndsOnSigterm(serving);
    }

    @Test
    @Order(6)
    void stagingRunsAndRerunsWithAWorkerGiveTheOutcomeOfLocalRuns() throws Exception {
        String queue = RabbitTestBroker.newQueue("staged");
        PostgresApplicationProcess serving = worker("worker-staged", queue);
        String[] kinds = { STAGED_VALID, STAGED_PRE_ISSUE, STAGED_UNKNOWN_MEMBER, STAGED_NO_WALLET };
        List<String> lines = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int line = 1; line <= 12; line++) {
            lines.add("T" + line + kinds[(line - 1) % 4]);
            expected.add(List.of("ISSUED:000_000", "ISSUED:000_000", "REJECTED:001_006", "REJECTED:003_064")
                .get((line - 1) % 4));
        }
        StagingTableWriter staging = new StagingTableWriter(jdbc, cipher, Clock.systemDefaultZone());
        List<StagingTableWriter.Row> rows = new ArrayList<>();
        for (int line = 1; line <= lines.size(); line++) {
            rows.add(StagingTableWriter.row(line, lines.get(line - 1)));
        }
        staging.write("rp-stg-local", rows);
        staging.write("rp-stg-remote", rows);
        Files.createDirectories(WORK);
        Path input = Files.writeString(WORK.resolve("rerun.csv"),
                JobFixture.HEADER + "\n" + String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        String out = "outputDir=" + WORK.resolve("out").toAbsolutePath();

        // staging runs, and file runs to rerun; staging and export stay on the manager
        List<PostgresApplicationProcess> runs = List.of(
                start("stg-local", "--issuance.grid-size=4", "--spring.batch.job.name=issueStagedJob",
                        "batchId=rp-stg-local", "runDate=2026-11-24", out),
                manager("stg-remote", queue, "3m", "--spring.batch.job.name=issueStagedJob", "batchId=rp-stg-remote",
                        "runDate=2026-11-24", out),
                start("file-local", "--issuance.grid-size=4", "--spring.batch.job.name=issueCardsJob",
                        "batchId=rp-rerun-local", "runDate=2026-11-24", "inputFile=" + input.toAbsolutePath(), out),
                manager("file-remote", queue, "3m", "--spring.batch.job.name=issueCardsJob", "batchId=rp-rerun-remote",
                        "runDate=2026-11-24", "inputFile=" + input.toAbsolutePath(), out));
        for (PostgresApplicationProcess run : runs) {
            assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCodes.COMPLETED);
        }
        for (String batchId : List.of("rp-stg-local", "rp-stg-remote", "rp-rerun-local", "rp-rerun-remote")) {
            assertThat(decisions(batchId)).as(batchId).containsExactlyElementsOf(expected);
        }
        assertThat(resultCodes("rp-stg-remote-20261124-results.csv")).hasSize(13)
            .containsExactlyElementsOf(resultCodes("rp-stg-local-20261124-results.csv"));
        assertThat(counts("rp-stg-remote-20261124-summary.json"))
            .isEqualTo(counts("rp-stg-local-20261124-summary.json"));
        assertThat(lines("rp-stg-remote-20261124-manifest.csv"))
            .hasSameSizeAs(lines("rp-stg-local-20261124-manifest.csv"));
        assertIssuedOnce("rp-stg-remote");
        assertIssuedOnce("rp-rerun-remote");

        // the wallet rejections are retried once the wallet is active; the unknown member
        // stays rejected
        jdbc.update("UPDATE wallet_member SET mobile_wallet = 'Y' WHERE user_id = 1002");
        try {
            PostgresApplicationProcess localRerun = start("rerun-local", "--issuance.grid-size=4",
                    "--spring.batch.job.name=rerunFailedJob", "batchId=rp-rerun-local", "runDate=2026-11-25", out);
            PostgresApplicationProcess remoteRerun = manager("rerun-remote", queue, "3m",
                    "--spring.batch.job.name=rerunFailedJob", "batchId=rp-rerun-remote", "runDate=2026-11-25", out);
            assertThat(localRerun.exitCode()).as(localRerun.stderr()).isEqualTo(ExitCodes.COMPLETED);
            assertThat(remoteRerun.exitCode()).as(remoteRerun.stderr()).isEqualTo(ExitCodes.COMPLETED);
            assertThat(remoteRerun.stdout()).contains("Rerun 1 of batch rp-rerun-remote COMPLETED");
        }
        finally {
            jdbc.update("UPDATE wallet_member SET mobile_wallet = 'N' WHERE user_id = 1002");
        }
        expected.replaceAll(outcome -> outcome.replace("REJECTED:003_064", "ISSUED:000_000"));
        assertThat(decisions("rp-rerun-local")).containsExactlyElementsOf(expected);
        assertThat(decisions("rp-rerun-remote")).containsExactlyElementsOf(expected);
        assertThat(resultCodes("rp-rerun-remote-rerun-001-results.csv")).hasSize(7)
            .containsExactlyElementsOf(resultCodes("rp-rerun-local-rerun-001-results.csv"));
        assertThat(counts("rp-rerun-remote-rerun-001-summary.json"))
            .isEqualTo(counts("rp-rerun-local-rerun-001-summary.json"));
        assertIssuedOnce("rp-rerun-remote");

        assertThat(serving.stdout().lines().filter(line -> line.contains("Running partition")))
            .as("the worker ran the remote runs' issue-step partitions, and nothing else")
            .hasSizeGreaterThanOrEqualTo(9)
            .allMatch(line -> line.contains("Running partition issueCardsWorker:partition"));
        assertEndsOnSigterm(serving);
    }

    /**
     * Launches a remote run of batch {@code rp-<name>} on {@link #REQUESTS} mixed
     * requests and returns its manager once the worker is in the middle of a partition.
     */
    private PostgresApplicationProcess runUntilTheWorkerIsBusy(String name, String queue,
            PostgresApplicationProcess worker) throws IOException {
        Path input = mixedRequests(name, REQUESTS);
        PostgresApplicationProcess run = manager(name, queue, "3m", "--spring.batch.job.name=issueCardsJob",
                "batchId=rp-" + name, "runDate=2026-11-24", "inputFile=" + input.toAbsolutePath(),
                "outputDir=" + WORK.resolve("out").toAbsolutePath());
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertThat(run.process().isAlive()).as("the run ended too early: " + run.stderr()).isTrue();
            return worker.stdout().contains("Running partition") && issued("rp-" + name) >= 20;
        });
        return run;
    }

    /**
     * Restarts batch {@code rp-<name>} and checks that it completes with the decisions of
     * the uninterrupted local run, no request issued twice and no card number twice.
     */
    private void assertRestartCompletes(String name, String queue, int requests) throws Exception {
        PostgresApplicationProcess restart = manager(name + "-restart", queue, "3m", "--issuance.command=restart",
                "--batch-id=rp-" + name);
        assertThat(restart.exitCode()).as(restart.stderr()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(lastStatus("rp-" + name)).isEqualTo("COMPLETED");
        assertSameDecisionsAsTheLocalRun("rp-" + name, requests);
        assertIssuedOnce("rp-" + name);
    }

    private static void assertEndsOnSigterm(PostgresApplicationProcess worker) throws InterruptedException {
        assertThat(worker.process().isAlive()).as("the worker serves until SIGTERM").isTrue();
        worker.process().destroy();
        assertThat(worker.process().waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(worker.process().exitValue()).isEqualTo(WORKER_STOPPED_BY_SIGTERM);
    }

    private void assertSameDecisionsAsTheLocalRun(String batchId, int requests) {
        assertThat(outcomes(batchId)).hasSize(requests);
        assertThat(pending(batchId)).isZero();
        assertThat(decisions(batchId)).as("the same decisions as an uninterrupted run of the same requests")
            .containsExactlyElementsOf(decisions("rp-local").stream().limit(requests).toList());
    }

    /** status:code of every request of the batch, by line. */
    private List<String> decisions(String batchId) {
        return outcomes(batchId).stream().map(o -> o.substring(o.indexOf(':') + 1)).toList();
    }

    /** A partition of the batch's latest job execution: its status and write count. */
    record Partition(String status, long written) {
    }

    private List<Partition> partitions(String batchId) {
        return jdbc.query("""
                SELECT s.status, s.write_count FROM batch_step_execution s
                 WHERE s.step_name LIKE 'issueCardsWorker:%' AND s.job_execution_id = (
                   SELECT MAX(e.job_execution_id) FROM batch_job_execution e
                     JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id
                    WHERE p.parameter_name = 'batchId' AND p.parameter_value = ?)""",
                (rs, i) -> new Partition(rs.getString(1), rs.getLong(2)), batchId);
    }

    private long pending(String batchId) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM " + JobFixture.REQUESTS + " q WHERE batch_id = ? AND status = 'PENDING'",
                Long.class, batchId);
    }

    /**
     * Of the requests the uninterrupted local run's issue step decided, those decided
     * here are exactly the partitions' write counts, and the rest are still pending: no
     * request was decided outside a committed, counted chunk.
     */
    private void assertEveryDecisionIsInACommittedChunk(String batchId, List<Partition> partitions) {
        long local = partitions("rp-local").stream().mapToLong(Partition::written).sum();
        assertThat(pending(batchId)).isEqualTo(local - partitions.stream().mapToLong(Partition::written).sum());
    }

    /**
     * The bodies of the messages waiting in the queue (read and put back): JSON with the
     * step's name and the step execution id, nothing else.
     */
    private void assertMessagesCarryStepExecutionIdsOnly(String queue, int expected) throws Exception {
        Pattern body = Pattern.compile("\\{\"stepName\":\"issueCardsWorker\",\"stepExecutionId\":(\\d+)}");
        List<String> bodies = new ArrayList<>();
        try (Connection connection = RabbitTestBroker.connectionFactory().createConnection();
                Channel channel = connection.createChannel(false)) {
            long last = -1;
            for (GetResponse message; (message = channel.basicGet(queue, false)) != null;) {
                bodies.add(new String(message.getBody(), StandardCharsets.UTF_8));
                last = message.getEnvelope().getDeliveryTag();
            }
            if (last >= 0) {
                channel.basicNack(last, true, true); // every one back to the queue
            }
        }
        assertThat(bodies).hasSize(expected).allSatisfy(b -> assertThat(b).matches(body));
        for (String b : bodies) {
            var matcher = body.matcher(b);
            assertThat(matcher.matches()).isTrue();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM batch_step_execution WHERE step_execution_id = ?",
                    Integer.class, Long.parseLong(matcher.group(1))))
                .isOne();
        }
    }

    private static PostgresApplicationProcess worker(String name, String queue) throws IOException {
        return start(name,
                Stream.concat(RabbitTestBroker.applicationOptions(queue).stream(),
                        Stream.of("--spring.profiles.active=postgres,worker", "--issuance.remote.worker-threads=1",
                                "--issuance.chunk-size=2"))
                    .toArray(String[]::new));
    }

    private static PostgresApplicationProcess manager(String name, String queue, String timeout, String... args)
            throws IOException {
        List<String> all = new ArrayList<>(RabbitTestBroker.applicationOptions(queue));
        all.addAll(List.of("--issuance.partitioning=remote", "--issuance.grid-size=4",
                "--issuance.remote.poll-interval=200ms", "--issuance.remote.timeout=" + timeout));
        all.addAll(List.of(args));
        return start(name, all.toArray(String[]::new));
    }

    private static PostgresApplicationProcess start(String name, String... args) throws IOException {
        PostgresApplicationProcess child = PostgresApplicationProcess.start(WORK, name, args);
        STARTED.add(child);
        return child;
    }

    private static void awaitReady(PostgresApplicationProcess worker) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(worker.process().isAlive()).as("the worker ended: " + worker.stderr()).isTrue();
            return worker.stdout().contains("Worker taking issue-step partitions");
        });
    }

    private static long partitionsRunBy(PostgresApplicationProcess worker) throws IOException {
        return worker.stdout().lines().filter(line -> line.contains("Running partition")).count();
    }

    /** line:status:code of every request of the batch, by line. */
    private List<String> outcomes(String batchId) {
        return jdbc.query(
                "SELECT line_no, status, result_code FROM " + JobFixture.REQUESTS
                        + " q WHERE batch_id = ? ORDER BY line_no",
                (rs, i) -> rs.getLong(1) + ":" + rs.getString(2) + ":" + rs.getString(3), batchId);
    }

    /**
     * No request issued twice, no card number twice, every issued request has its
     * application.
     */
    private void assertIssuedOnce(String batchId) {
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM card_application WHERE batch_id = ?", Long.class, batchId))
            .isEqualTo(issued(batchId));
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT request_pk) FROM card_application WHERE batch_id = ?",
                Long.class, batchId))
            .isEqualTo(issued(batchId));
        assertThat(jdbc.queryForObject("""
                SELECT COUNT(*) - COUNT(DISTINCT c.pan_hash) FROM card c
                  JOIN card_application a ON a.card_apply_no = c.card_apply_no WHERE a.batch_id = ?""", Long.class,
                batchId))
            .isZero();
    }

    private long issued(String batchId) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM " + JobFixture.REQUESTS + " q WHERE batch_id = ? AND status = 'ISSUED'",
                Long.class, batchId);
    }

    private String lastStatus(String batchId) {
        return jdbc.queryForObject("""
                SELECT e.status FROM batch_job_execution e
                  JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id
                 WHERE p.parameter_name = 'batchId' AND p.parameter_value = ?
                 ORDER BY e.job_execution_id DESC FETCH FIRST 1 ROWS ONLY""", String.class, batchId);
    }

    private static List<String> lines(String file) throws IOException {
        return Files.readAllLines(WORK.resolve("out").resolve(file));
    }

    /** The status and code of each line of a results file. */
    private static List<String> resultCodes(String file) throws IOException {
        return lines(file).stream().map(line -> {
            String[] fields = line.split(",");
            return fields[0] + ":" + fields[4] + ":" + fields[5];
        }).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> counts(String summary) throws IOException {
        Map<String, Object> json = tools.jackson.databind.json.JsonMapper.builder()
            .build()
            .readValue(WORK.resolve("out").resolve(summary).toFile(), Map.class);
        return Map.of("records", json.get("records"), "countsByStatus", json.get("countsByStatus"), "countsByCode",
                json.get("countsByCode"));
    }

    /**
     * Requests of one member: most are issued; every 7th has a malformed mobile number,
     * every 11th repeats the request id of the line before it.
     */
    private static Path mixedRequests(String name, int count) throws IOException {
        StringBuilder csv = new StringBuilder(JobFixture.HEADER).append('\n');
        for (int i = 1; i <= count; i++) {
            int id = i % 11 == 0 ? i - 1 : i;
            String mobile = i % 7 == 0 ? "01O-12-56" : "010-1234-5678";
            csv.append("M")
                .append(id)
                .append(",1001,김민준,KIM MINJUN,900101-1234567,")
                .append(mobile)
                .append(",Y,088,110-123-456789,DEBIT0000000001,PHYSICAL,Y,Y,06236,서울특별시 강남구 테헤란로 123,10층\n");
        }
        Files.createDirectories(WORK);
        Path file = WORK.resolve(name + ".csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return file;
    }

}
