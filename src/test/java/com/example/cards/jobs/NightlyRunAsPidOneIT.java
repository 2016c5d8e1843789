package com.example.cards.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.example.cards.BulkIssuanceApplication;
import com.example.cards.cli.ExitCodes;
import com.example.cards.crypto.FieldCipher;
import com.example.cards.reference.ReferenceDataLoader;
import com.example.cards.stage.StagingTableWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The nightly run as a Kubernetes pod runs it: {@code jobs/nightly-issuance.sh} as PID 1
 * of its own PID namespace ({@code unshare --fork --pid --mount-proc}, as root), the way
 * a container's entrypoint is. The kubelet's SIGTERM goes to PID 1 only, so it reaches
 * the JVM only if every script on the way {@code exec}s it. Sent mid-issue, it must end
 * the run STOPPED at a chunk boundary with exit code 4; the same nightly then resumes it
 * to completion.
 */
class NightlyRunAsPidOneIT {

    private static final int REQUESTS = 4000;

    private static final String RUN_DATE = "2026-11-24";

    private static final Path JAR = Path.of("target/bulk-issuance.jar").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void sigtermToPidOneStopsTheNightlyRunAndItResumes() throws Exception {
        assertThat(JAR).as("the packaged application (mvn package)").exists();
        stageRequests();

        Process pod = nightly(List.of("unshare", "--fork", "--pid", "--mount-proc"), "first");
        long pidOne = await().atMost(Duration.ofSeconds(30)).until(() -> childOf(pod.pid()), pid -> pid > 0);
        await().atMost(Duration.ofSeconds(60)).until(() -> command(pidOne).contains("java"));
        assertThat(Files.readString(Path.of("/proc/" + pidOne + "/status"))).as("the JVM is PID 1 of its namespace")
            .containsPattern("NSpid:\\s+" + pidOne + "\\s+1\\n");
        Path firstLog = dir.resolve("first.log");
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(20)).until(() -> {
            assertThat(pod.isAlive()).as("the run ended before the signal: " + Files.readString(firstLog)).isTrue();
            return Files.readAllLines(firstLog).stream().filter(l -> l.contains("IssuanceProcessor")).count() >= 300;
        });

        ProcessHandle.of(pidOne).orElseThrow().destroy(); // SIGTERM, as the kubelet sends

        assertThat(pod.waitFor(120, TimeUnit.SECONDS)).as("PID 1 ended on SIGTERM").isTrue();
        String first = Files.readString(firstLog);
        assertThat(pod.exitValue()).as(first).isEqualTo(ExitCodes.STOPPED);
        assertThat(first).contains("SIGTERM received", "STOPPED");
        assertThat(count("SELECT COUNT(*) FROM " + JobFixture.REQUESTS + " q WHERE status = 'PENDING'"))
            .as("stopped mid-run")
            .isPositive();
        assertThat(count("SELECT COUNT(*) FROM " + JobFixture.REQUESTS + " q WHERE status <> 'PENDING'")).isPositive();
        assertThat(lastStatus()).isEqualTo("STOPPED");

        Process again = nightly(List.of(), "again");
        assertThat(again.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(again.exitValue()).as(Files.readString(dir.resolve("again.log"))).isEqualTo(ExitCodes.COMPLETED);
        assertThat(lastStatus()).isEqualTo("COMPLETED");
        assertThat(count("SELECT COUNT(*) FROM " + JobFixture.REQUESTS + " q WHERE status = 'PENDING'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM issuance_request")).isEqualTo(REQUESTS);
        assertThat(count("SELECT COUNT(*) FROM card_application"))
            .isEqualTo(count("SELECT COUNT(*) FROM " + JobFixture.REQUESTS + " q WHERE status = 'ISSUED'"));
        assertThat(count("SELECT COUNT(*) FROM (SELECT request_pk FROM card_application GROUP BY request_pk "
                + "HAVING COUNT(*) > 1)"))
            .isZero();
    }

    /**
     * Reference data and one staging batch, written by the application itself, in a
     * context closed before the child opens the same H2 files.
     */
    private void stageRequests() throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BulkIssuanceApplication.class).run(
                "--spring.datasource.url=" + url(), "--issuance.crypto.keystore-path=" + keystore(),
                "--issuance.crypto.create-keystore-if-missing=true", "--issuance.command=none",
                "--logging.file.name=" + dir.resolve("setup.log"))) {
            ReferenceDataLoader loader = context.getBean(ReferenceDataLoader.class);
            loader.loadProducts(Path.of("sample-input/products.csv"));
            loader.loadMembers(Path.of("sample-input/members.csv"));
            List<StagingTableWriter.Row> rows = new ArrayList<>();
            for (int i = 1; i <= REQUESTS; i++) {
                rows.add(StagingTableWriter.row(i, StagingFixture.VALID.replace("R1,", "N" + i + ",")));
            }
            new StagingTableWriter(context.getBean(JdbcTemplate.class), context.getBean(FieldCipher.class),
                    Clock.systemDefaultZone())
                .write("nightly-pid1", rows);
        }
    }

    private Process nightly(List<String> wrapper, String log) throws Exception {
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(List.of(Path.of("jobs/nightly-issuance.sh").toAbsolutePath().toString(), "--run-date", RUN_DATE,
                "--output-dir", dir.resolve("out").toString(), "--spring.datasource.url=" + url(),
                "--issuance.crypto.keystore-path=" + keystore(), "--issuance.chunk-size=10"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(dir.resolve(log + ".log").toFile());
        builder.environment().put("ISSUANCE_JAR", JAR.toString());
        builder.environment().put("JAVA_OPTS", "-Xmx384m -XX:TieredStopAtLevel=1");
        // the processor's per-request DEBUG lines tell the test that the issue step is
        // under way (an environment variable: the scripts pass only --spring.* and
        // --issuance.* on)
        builder.environment().put("LOGGING_LEVEL_COM_EXAMPLE_CARDS_ISSUE", "DEBUG");
        return builder.start();
    }

    /**
     * The process unshare forked: PID 1 of the new namespace (0 while there is none yet).
     */
    private static long childOf(long pid) {
        try {
            String children = Files.readString(Path.of("/proc/" + pid + "/task/" + pid + "/children")).trim();
            return children.isEmpty() ? 0 : Long.parseLong(children.split("\\s+")[0]);
        }
        catch (Exception notYet) {
            return 0;
        }
    }

    private static String command(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
        }
        catch (Exception gone) {
            return "";
        }
    }

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    private String keystore() {
        return dir.resolve("keystore.p12").toString();
    }

    private long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(), "sa", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String lastStatus() throws SQLException {
        try (Connection c = DriverManager.getConnection(url(), "sa", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID DESC "
                        + "FETCH FIRST 1 ROWS ONLY")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

}
