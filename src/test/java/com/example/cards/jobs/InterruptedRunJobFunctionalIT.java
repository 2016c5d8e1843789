package com.example.cards.jobs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.example.cards.cli.ExitCodes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged application in child JVMs, interrupted for real: killed (SIGKILL) while
 * staging, stopped (SIGTERM) mid-issue, killed mid-issue and killed while exporting, each
 * time brought to its end by one command: the same issue-cards launch, or the restart
 * command by execution id or by batch id. Afterwards every input record has exactly one
 * result, no request has two applications, no card number appears twice, and the outputs
 * match those of an uninterrupted run of the same file (less the columns that
 * legitimately differ).
 */
class InterruptedRunJobFunctionalIT {

    private static final int RECORDS = 6000;

    private static final Path JAR = Path.of("target/bulk-issuance.jar");

    @TempDir
    Path dir;

    @Test
    void everyInterruptionEndsCorrectlyWithOneCommand() throws Exception {
        assertThat(JAR).as("the packaged application (mvn package)").exists();
        Path input = syntheticInput(dir.resolve("corp.csv"));
        assertThat(child("--issuance.command=load-reference-data", "--members=" + abs("sample-input/members.csv"),
                "--products=" + abs("sample-input/products.csv"))
            .waitFor()).isEqualTo(0);

        // the reference: the same file, uninterrupted
        Child baseline = child(runJob("base", input));
        assertThat(baseline.waitFor()).isEqualTo(ExitCodes.COMPLETED);

        // 1. SIGKILL while staging, once its partitions are writing (each must then
        // resume where it stopped)
        Child staging = child(runJob("corp", input));
        staging.awaitLines(l -> l.contains("Staged lines"), 3); // chunks written by the
                                                                // stage partitions
        staging.kill();
        assertThat(stepStatus("corp", "stageRequests")).isEqualTo("STARTED");
        assertThat(List.of(String.valueOf(stepStatus("corp", "stageRequestsWorker:partition0")),
                String.valueOf(stepStatus("corp", "stageRequestsWorker:partition1"))))
            .contains("STARTED");

        // 2. the same launch again recovers it; SIGTERM mid-issue stops it at a chunk
        // boundary: exit 4, STOPPED
        Child again = child(runJob("corp", input));
        again.awaitLines(l -> l.contains("IssuanceProcessor") && l.contains("line "), 400);
        again.process.destroy();
        assertThat(again.waitFor()).isEqualTo(ExitCodes.STOPPED);
        assertThat(again.output()).contains("recovering it as FAILED");
        assertThat(lastExecution("corp")).isEqualTo("STOPPED");
        long decided = count("SELECT COUNT(*) FROM " + JobFixture.REQUESTS
                + " q WHERE batch_id = 'corp' AND status <> 'PENDING' " + "AND result_code <> '000_002'");
        assertThat(decided).as("stopped mid-issue").isGreaterThan(0);
        assertThat(count(
                "SELECT COUNT(*) FROM " + JobFixture.REQUESTS + " q WHERE batch_id = 'corp' AND status = 'PENDING'"))
            .as("stopped before the end")
            .isGreaterThan(0);
        long stoppedExecution = count("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION");
        // chunk boundary: every request the issue step decided is in a committed chunk
        // that the repository counted
        // (the run killed while staging issued nothing)
        assertThat(count("SELECT SUM(WRITE_COUNT) FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = "
                + stoppedExecution + " AND STEP_NAME LIKE 'issueCardsWorker%'"))
            .isEqualTo(decided);

        // 3. restart by execution id; SIGKILL mid-issue
        Child restart = child("--issuance.command=restart", "--execution-id=" + stoppedExecution);
        restart.awaitLines(l -> l.contains("IssuanceProcessor") && l.contains("line "), 400);
        restart.kill();
        assertThat(lastExecution("corp")).isEqualTo("STARTED");

        // 4. restart by batch id recovers it; SIGKILL while exporting
        Child export = child("--issuance.command=restart", "--batch-id=corp");
        export.awaitLine(l -> l.contains("Executing step: [exportOutputs]"));
        export.kill();
        assertThat(stepStatus("corp", "exportOutputs")).isEqualTo("STARTED");

        // 5. restart by batch id: completes
        Child last = child("--issuance.command=restart", "--batch-id=corp");
        assertThat(last.waitFor()).as(last.output()).isEqualTo(ExitCodes.COMPLETED);

        assertInvariants("corp");
        assertSameOutcomes("base", "corp");
    }

    private void assertInvariants(String batchId) throws Exception {
        assertThat(count("SELECT COUNT(*) FROM issuance_request WHERE batch_id = '" + batchId + "'"))
            .isEqualTo(RECORDS);
        assertThat(count("SELECT COUNT(DISTINCT line_no) FROM issuance_request WHERE batch_id = '" + batchId + "'"))
            .isEqualTo(RECORDS);
        assertThat(count("SELECT COUNT(*) FROM " + JobFixture.REQUESTS + " q WHERE batch_id = '" + batchId
                + "' AND status = 'PENDING'"))
            .isZero();
        assertThat(count("SELECT COUNT(*) FROM (SELECT request_pk FROM card_application GROUP BY request_pk "
                + "HAVING COUNT(*) > 1)"))
            .isZero();
        assertThat(count("SELECT COUNT(*) FROM (SELECT pan_hash FROM card GROUP BY pan_hash HAVING COUNT(*) > 1)"))
            .isZero();
        assertThat(count("SELECT COUNT(*) FROM " + JobFixture.REQUESTS + " r WHERE r.batch_id = '" + batchId
                + "' AND r.status = 'ISSUED' AND NOT EXISTS (SELECT 1 FROM card_application a WHERE a.request_pk = "
                + "r.id)"))
            .isZero();
        assertThat(count("SELECT COUNT(*) FROM card_application a JOIN " + JobFixture.REQUESTS
                + " r ON r.id = a.request_pk " + "WHERE a.batch_id = '" + batchId + "' AND r.status <> 'ISSUED'"))
            .isZero();
        assertThat(Files.readAllLines(dir.resolve("out").resolve(batchId + "-results.csv"))).hasSize(RECORDS + 1);
    }

    private void assertSameOutcomes(String baseline, String restarted) throws Exception {
        // results: less correlationId (3), cardApplyNo (7) and the card numbers (8, 9)
        assertThat(columns(restarted + "-results.csv", 3, 7, 8, 9))
            .isEqualTo(columns(baseline + "-results.csv", 3, 7, 8, 9));
        assertThat(columns(restarted + "-rejections.csv", 3)).isEqualTo(columns(baseline + "-rejections.csv", 3));
        // manifest: same records, order and parcels, less cardApplyNo (3), last 4 digits
        // (12) and the hash total
        assertThat(manifest(restarted, baseline)).isEqualTo(manifest(baseline, baseline));
        for (String kind : List.of("ISSUED", "REJECTED")) {
            assertThat(count("SELECT COUNT(*) FROM " + JobFixture.REQUESTS + " q WHERE batch_id = '" + restarted
                    + "' AND status = '" + kind + "'"))
                .isEqualTo(count("SELECT COUNT(*) FROM " + JobFixture.REQUESTS + " q WHERE batch_id = '" + baseline
                        + "' AND status = '" + kind + "'"));
        }
        String summary = Files.readString(dir.resolve("out").resolve(restarted + "-summary.json"));
        String reference = Files.readString(dir.resolve("out").resolve(baseline + "-summary.json"));
        assertThat(counts(summary)).isEqualTo(counts(reference));
    }

    private static String counts(String summaryJson) {
        int from = summaryJson.indexOf("\"records\"");
        int to = summaryJson.indexOf("\"files\"");
        return summaryJson.substring(from, to);
    }

    private List<String> manifest(String batchId, String as) throws IOException {
        return Files.readAllLines(dir.resolve("out").resolve(batchId + "-manifest.csv"))
            .stream()
            .map(l -> l.replace(batchId, as))
            .map(l -> {
                String[] f = l.split(",", -1);
                if (f[0].equals("D")) {
                    f[3] = "";
                    f[12] = "";
                }
                if (f[0].equals("T")) {
                    f[3] = "";
                }
                return String.join(",", f);
            })
            .toList();
    }

    private List<String> columns(String file, int... dropped) throws IOException {
        return Files.readAllLines(dir.resolve("out").resolve(file)).stream().map(l -> {
            List<String> f = new ArrayList<>(Arrays.asList(l.split(",", -1)));
            for (int i = dropped.length - 1; i >= 0; i--) {
                if (dropped[i] < f.size()) {
                    f.set(dropped[i], "");
                }
            }
            return String.join(",", f);
        }).toList();
    }

    /**
     * Rows cycling through issued (plastic, plastic held for pickup, with a mobile card)
     * and rejected outcomes.
     */
    private static Path syntheticInput(Path file) throws IOException {
        String[] templates = {
                "%s,1001,김민준,KIM MINJUN,900101-1234567,010-1234-5678,Y,088,110-123-456789,DEBIT0000000001,PHYSICAL,"
                        + "Y,Y,06236,서울특별시 강남구 테헤란로 123,%d층",
                "%s,1003,박지훈,PARK JIHOON,8511221456789,+82 10 2345 6789,Y,088,110234567890,DEBIT0000000001,"
                        + "PRE_ISSUE,N,Y,04524,서울특별시 중구 세종대로 110,%d층",
                "%s,1004,최수아,CHOI SUA,030405-4123456,01034567890,Y,088,1102-3456-7890,DEBIT0000000001,PHYSICAL,N,"
                        + "N,,,%d",
                "%s,5555,김민준,KIM MINJUN,900101-1234567,010-1234-5678,Y,088,110-123-456789,DEBIT0000000001,PHYSICAL,"
                        + "Y,Y,06236,서울특별시 강남구 테헤란로 123,%d층",
                "%s,1001,김민준,KIM MINJUN,900101-1234567,011-1234-5678,Y,088,110-123-456789,DEBIT0000000001,PHYSICAL,"
                        + "Y,Y,06236,서울특별시 강남구 테헤란로 123,%d층",
                "%s,1002,이서연,LEE SEOYEON,920315-2345678,010-7890-1234,Y,088,110-777-123456,DEBIT0000000001,"
                        + "PRE_ISSUE,N,N,,,%d" };
        StringBuilder csv = new StringBuilder(JobFixture.HEADER).append('\n');
        for (int i = 0; i < RECORDS; i++) {
            String id = i % 997 == 5 ? "C000001" : "C%06d".formatted(i);
            csv.append(templates[i % templates.length].formatted(id, i % 40)).append('\n');
        }
        return Files.writeString(file, csv.toString());
    }

    private String[] runJob(String batchId, Path input) {
        return new String[] { "--spring.batch.job.name=issueCardsJob", "batchId=" + batchId, "runDate=2026-11-24",
                "inputFile=" + input, "outputDir=" + dir.resolve("out") };
    }

    private static String abs(String path) {
        return Path.of(path).toAbsolutePath().toString();
    }

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("db");
    }

    private long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(), "sa", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String string(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(), "sa", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private String lastExecution(String batchId) throws SQLException {
        return string("SELECT e.STATUS FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_EXECUTION_PARAMS p ON "
                + "p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID WHERE p.PARAMETER_NAME = 'batchId' AND p.PARAMETER_VALUE = '"
                + batchId + "' ORDER BY e.JOB_EXECUTION_ID DESC FETCH FIRST 1 ROWS ONLY");
    }

    private String stepStatus(String batchId, String step) throws SQLException {
        return string("SELECT s.STATUS FROM BATCH_STEP_EXECUTION s JOIN BATCH_JOB_EXECUTION_PARAMS p ON "
                + "p.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID WHERE p.PARAMETER_NAME = 'batchId' AND p.PARAMETER_VALUE = '"
                + batchId + "' AND s.STEP_NAME = '" + step
                + "' ORDER BY s.STEP_EXECUTION_ID DESC FETCH FIRST 1 ROWS ONLY");
    }

    private Child child(String... args) throws IOException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                        "-Xmx512m", "-jar", JAR.toAbsolutePath().toString(),
                        "--spring.datasource.url=" + url() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
                        "--issuance.crypto.keystore-path=" + dir.resolve("keystore.p12"),
                        "--issuance.crypto.create-keystore-if-missing=true", "--issuance.chunk-size=50",
                        "--issuance.output-dir=" + dir.resolve("out"),
                        "--logging.level.com.example.cards.issue.IssuanceProcessor=DEBUG",
                        "--logging.level.com.example.cards.stage.StagedRequestWriter=DEBUG"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new Child(process);
    }

    /** A child JVM whose output is collected line by line. */
    static final class Child {

        final Process process;

        final List<String> lines = new CopyOnWriteArrayList<>();

        private final Thread reader;

        Child(Process process) {
            this.process = process;
            this.reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                    }
                }
                catch (IOException ended) {
                    // the process is gone
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        void awaitLine(Predicate<String> condition) {
            awaitLines(condition, 1);
        }

        void awaitLines(Predicate<String> condition, int count) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(5)).until(() -> {
                assertThat(process.isAlive()).as("the child ended before the kill point: " + output()).isTrue();
                return lines.stream().filter(condition).count() >= count;
            });
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        int waitFor() throws InterruptedException {
            assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("the child ends").isTrue();
            reader.join(TimeUnit.SECONDS.toMillis(30)); // its last lines are read once
                                                        // the pipe closes
            return process.exitValue();
        }

        String output() {
            return lines.stream().filter(l -> !l.contains("IssuanceProcessor")).collect(Collectors.joining("\n"));
        }

    }

}
