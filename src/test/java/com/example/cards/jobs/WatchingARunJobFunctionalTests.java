package com.example.cards.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.example.cards.BulkIssuanceApplication;
import com.example.cards.cli.ExitCodes;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator watching a run sees, in applications started as the scripts start
 * them: progress lines (records done/total, rate, ETA) in a scheduler's log, an updating
 * line on a terminal, and a status report that is read-only (it neither migrates the
 * schema nor opens the keystore). WatchingARunPostgresIT watches a long run from other
 * processes.
 */
@ExtendWith(OutputCaptureExtension.class)
class WatchingARunJobFunctionalTests {

    @TempDir
    Path dir;

    private CapturedOutput output;

    @BeforeEach
    void captureOutput(CapturedOutput output) {
        this.output = output;
    }

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("db");
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of("--spring.datasource.url=" + url(),
                "--issuance.crypto.keystore-path=" + dir.resolve("keystore.p12"),
                "--issuance.crypto.create-keystore-if-missing=true", "--issuance.output-dir=" + dir.resolve("out"),
                "--logging.file.name=" + dir.resolve("bulk-issuance.log")));
        all.addAll(List.of(args));
        return BulkIssuanceApplication.launch(all.toArray(String[]::new));
    }

    private void issueSample(String batchId, String... more) {
        assertThat(run("--issuance.command=load-reference-data", "--members=sample-input/members.csv",
                "--products=sample-input/products.csv"))
            .isZero();
        List<String> args = new ArrayList<>(List.of("--spring.batch.job.name=issueCardsJob", "batchId=" + batchId,
                "runDate=2026-11-24", "inputFile=sample-input/requests.csv"));
        args.addAll(List.of(more));
        assertThat(run(args.toArray(String[]::new))).isEqualTo(ExitCodes.COMPLETED);
    }

    @Test
    void aSchedulersLogGetsAProgressLinePerInterval() {
        issueSample("loaded");
        int start = output.getOut().length();
        assertThat(run("--spring.batch.job.name=issueCardsJob", "batchId=watched", "runDate=2026-11-24",
                "inputFile=" + manyRequests(), "--issuance.progress.interval=1ms", "--issuance.progress.display=log"))
            .isEqualTo(ExitCodes.COMPLETED);
        String log = output.getOut().substring(start);
        assertThat(log).containsPattern("INFO .*Progress of job execution \\d+: stageRequests: [\\d,]+/2,000 records "
                + "\\(\\d+\\.\\d%\\), [\\d,]+/s, ETA \\S+");
        assertThat(log).containsPattern("Progress of job execution \\d+: issueCards: [\\d,]+/2,000 records");
        assertThat(log).containsPattern("Progress of job execution \\d+: exportOutputs: [\\d,]+/2,000 records");
        assertThat(log).doesNotContain("\r");
    }

    /**
     * 2,000 requests of one member, enough for each step to last several intervals of 1
     * ms (the sample's 21 were sometimes exported between two reports).
     */
    private Path manyRequests() {
        return JobFixture.requestsOfOneMember(dir, "many-requests.csv", "P", 2000);
    }

    @Test
    void aPreviewReportsItsStepsToo() {
        int start = output.getOut().length();
        issueSample("previewed", "--issuance.progress.interval=1ms", "--issuance.progress.display=log");
        assertThat(run("--spring.batch.job.name=previewCardsJob", "batchId=previewed-2", "runDate=2026-11-24",
                "inputFile=" + manyRequests(), "--issuance.progress.interval=1ms", "--issuance.progress.display=log"))
            .isEqualTo(ExitCodes.COMPLETED);
        String log = output.getOut().substring(start);
        assertThat(log).containsPattern("Progress of job execution \\d+: stagePreview: [\\d,]+/2,000 records");
        assertThat(log).containsPattern("Progress of job execution \\d+: previewDecisions: [\\d,]+/2,000 records");
        assertThat(log).containsPattern("Progress of job execution \\d+: exportPreview: [\\d,]+ records, ");
    }

    @Test
    void aTerminalGetsOneUpdatingLine() {
        int start = output.getOut().length();
        issueSample("on-a-terminal", "--issuance.progress.interval=1ms", "--issuance.progress.display=bar");
        String console = output.getOut().substring(start);
        assertThat(console).containsPattern("\rissueCards: \\d+/17 records \\(\\d+\\.\\d%\\)");
        assertThat(console).doesNotContain("Progress of job execution");
    }

    @Test
    void statusIsReadOnlyNeitherMigratingNorOpeningTheKeystore() throws Exception {
        issueSample("read-only");
        String removed;
        try (Connection c = DriverManager.getConnection(url(), "sa", ""); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery(
                    "SELECT \"version\" FROM \"flyway_schema_history\" ORDER BY \"installed_rank\" DESC LIMIT 1")) {
                rs.next();
                removed = rs.getString(1);
            }
            s.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '" + removed + "'");
        }
        Path noKeystore = dir.resolve("no-such-keystore.p12");

        int start = output.getOut().length();
        int exitCode = run("--issuance.command=status", "--spring.profiles.include=read-only", "--batch-id=read-only",
                "--issuance.crypto.keystore-path=" + noKeystore, "--issuance.crypto.create-keystore-if-missing=false");

        assertThat(exitCode).as(output.getErr()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(output.getOut().substring(start)).contains("Batch read-only", "requests: 21");
        assertThat(noKeystore).doesNotExist();
        try (Connection c = DriverManager.getConnection(url(), "sa", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '" + removed + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("Flyway did not run: migration %s is still missing", removed).isZero();
        }
        assertThat(Files.readString(Path.of("jobs/status.sh")))
            .contains("--issuance.command=status --spring.profiles.include=read-only");
    }

}
