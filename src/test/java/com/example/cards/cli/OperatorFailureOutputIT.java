package com.example.cards.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged application in child JVMs, failing for real: each failure prints one line
 * on standard error that names its cause and ends with the documented exit code; standard
 * output carries no stack trace, and the log file (logs/bulk-issuance.log under the
 * working directory by default) holds it.
 */
class OperatorFailureOutputIT {

    private static final Path JAR = Path.of("target/bulk-issuance.jar").toAbsolutePath();

    private static final Path SAMPLE = Path.of("sample-input").toAbsolutePath();

    /** One database, keystore and working directory for every run, as on a server. */
    @TempDir
    static Path dir;

    private static Path log;

    @BeforeAll
    static void loadReferenceData() throws Exception {
        assertThat(JAR).as("the packaged application (mvn package)").exists();
        log = dir.resolve("logs/bulk-issuance.log");
        Run loaded = run("--issuance.command=load-reference-data", "--members=" + SAMPLE.resolve("members.csv"),
                "--products=" + SAMPLE.resolve("products.csv"));
        assertThat(loaded.exitCode()).as(loaded.err()).isZero();
    }

    @Test
    void aRunThatCompletesSaysNothingOnStandardError() throws Exception {
        Run run = issue("fine");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("Batch fine COMPLETED").doesNotContain("\tat ");
    }

    @Test
    void aWrongKeystorePassword() throws Exception {
        Run run = run("--issuance.crypto.keystore-password=not-the-password", "--issuance.command=none");
        run.assertOneLineFailure(ExitCodes.FAILED, "could not start: Cannot open keystore",
                "the keystore password is wrong", "UnrecoverableKeyException");
        assertThat(run.out()).doesNotContain("APPLICATION FAILED TO START", "ERROR");
        assertThat(Files.readString(log)).contains("Failed PKCS12 integrity checking", "\tat ");
    }

    @Test
    void aMissingKeystoreThatMayNotBeCreated() throws Exception {
        Run run = run("--issuance.crypto.keystore-path=" + dir.resolve("absent.p12"),
                "--issuance.crypto.create-keystore-if-missing=false", "--issuance.command=none");
        run.assertOneLineFailure(ExitCodes.FAILED, "could not start:", "Keystore " + dir.resolve("absent.p12"),
                "does not exist");
        assertThat(Files.readString(log)).contains("absent.p12 does not exist", "\tat ");
    }

    @Test
    void aDatabaseThatCannotBeReached() throws Exception {
        Run run = run("--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/x", "--issuance.command=none");
        run.assertOneLineFailure(ExitCodes.FAILED, "could not start:", "Connection to 127.0.0.1:1 refused",
                "ConnectException");
        assertThat(Files.readString(log)).contains("java.net.ConnectException: Connection refused", "\tat ");
    }

    @Test
    void anInvalidConfigurationValueIsABadParameter() throws Exception {
        Run run = run("--issuance.chunk-size=many", "--issuance.command=none");
        run.assertOneLineFailure(ExitCodes.INVALID_INPUT, "could not start:", "issuance.chunk-size");
    }

    @Test
    void aFailureInsideAnIssuePartitionIsNamed() throws Exception {
        sql("ALTER TABLE card_application ADD CONSTRAINT issue_fails_here CHECK (batch_id <> 'issue-boom')");
        Run run = issue("issue-boom");
        run.assertOneLineFailure(ExitCodes.FAILED, "batch issue-boom FAILED", "ISSUE_FAILS_HERE",
                "run the same command again");
        assertThat(run.err()).doesNotContain("Partition handler returned an unsuccessful step");
        assertThat(Files.readString(log)).contains("ISSUE_FAILS_HERE", "\tat ");
    }

    @Test
    void aFailureInsideAStagePartitionIsNamed() throws Exception {
        sql("ALTER TABLE issuance_request ADD CONSTRAINT stage_fails_here CHECK (batch_id <> 'stage-boom')");
        Run run = issue("stage-boom");
        run.assertOneLineFailure(ExitCodes.FAILED, "batch stage-boom FAILED", "STAGE_FAILS_HERE");
        assertThat(run.err()).doesNotContain("Partition handler returned an unsuccessful step");
        assertThat(Files.readString(log)).contains("STAGE_FAILS_HERE", "\tat ");
    }

    @Test
    void debugPutsTheStackTraceOnTheConsole() throws Exception {
        Run run = run("--issuance.crypto.keystore-password=not-the-password", "--issuance.command=none",
                "--logging.level.com.example.cards=DEBUG");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err().lines().filter(l -> !l.isBlank())).singleElement()
            .asString()
            .contains("the keystore password is wrong");
        assertThat(run.out()).contains("\tat ", "Failed PKCS12 integrity checking");
    }

    private Run issue(String batchId) throws Exception {
        return run("--spring.batch.job.name=issueCardsJob", "batchId=" + batchId, "runDate=2026-11-24",
                "inputFile=" + SAMPLE.resolve("requests.csv"));
    }

    private static Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                        "-Xmx512m", "-jar", JAR.toString()));
        // the test's own options replace these (a repeated option would be read as a
        // list)
        for (String option : List.of("--spring.datasource.url=" + url(),
                "--issuance.crypto.keystore-path=" + dir.resolve("keystore.p12"),
                "--issuance.crypto.create-keystore-if-missing=true", "--issuance.output-dir=" + dir.resolve("out"))) {
            String name = option.substring(0, option.indexOf('=') + 1);
            if (Stream.of(args).noneMatch(arg -> arg.startsWith(name))) {
                command.add(option);
            }
        }
        command.addAll(List.of(args));
        String stem = "run-" + System.nanoTime();
        Path out = dir.resolve(stem + ".out");
        Path err = dir.resolve(stem + ".err");
        // The working directory is the temporary one: the log file lands in its logs/.
        Process process = new ProcessBuilder(command).directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("the application ended").isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String url() {
        return "jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    private void sql(String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(), "sa", "");
                Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    record Run(int exitCode, String out, String err) {

        void assertOneLineFailure(int expectedExitCode, String... namesOfTheCause) {
            assertThat(exitCode).as(err).isEqualTo(expectedExitCode);
            assertThat(err.lines().filter(line -> !line.isBlank())).as(err)
                .singleElement()
                .asString()
                .startsWith("bulk-issuance: ")
                .contains(namesOfTheCause);
            assertThat(out).doesNotContain("\tat ", "Caused by:");
        }

    }

}
