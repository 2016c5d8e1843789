package com.example.cards.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.example.cards.BulkIssuanceApplication;
import com.example.cards.jobs.JobFixture;
import com.example.cards.jobs.ResultCodeJobFunctionalTests;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract a scheduler relies on: the application run as from the command line
 * ({@code BulkIssuanceApplication.main} less its {@code System.exit}), its exit codes and
 * messages. Each launch is judged on what it printed itself, at the default log levels.
 */
@ExtendWith(OutputCaptureExtension.class)
class CommandLineSmokeTests {

    @TempDir
    Path dir;

    private CapturedOutput output;

    @BeforeEach
    void captureOutput(CapturedOutput output) {
        this.output = output;
    }

    private Launch run(String... args) {
        List<String> all = new ArrayList<>(List.of("--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db"),
                "--issuance.crypto.keystore-path=" + dir.resolve("keystore.p12"),
                "--issuance.crypto.create-keystore-if-missing=true", "--issuance.output-dir=" + dir.resolve("out"),
                "--logging.file.name=" + dir.resolve("bulk-issuance.log")));
        all.addAll(List.of(args));
        int outBefore = output.getOut().length();
        int errBefore = output.getErr().length();
        int exitCode = BulkIssuanceApplication.launch(all.toArray(String[]::new));
        return new Launch(exitCode, output.getOut().substring(outBefore), output.getErr().substring(errBefore));
    }

    private Launch issue(String batchId, String file, String... more) {
        List<String> args = new ArrayList<>(List.of("--spring.batch.job.name=issueCardsJob", "batchId=" + batchId,
                "runDate=2026-11-24", "inputFile=" + file));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    @Test
    void exitCodesTellTheSchedulerWhatHappened() {
        Launch loaded = run("--issuance.command=load-reference-data", "--members=sample-input/members.csv",
                "--products=sample-input/products.csv");
        assertThat(loaded.exitCode()).isZero();
        assertThat(loaded.out()).contains("Loaded 6 card products", "Loaded 16 members");
        assertThat(loaded.err()).isEmpty();

        Launch completed = issue("smoke", "sample-input/requests.csv");
        assertThat(completed.exitCode()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(completed.out()).contains("Batch smoke COMPLETED", dir.resolve("out/smoke-results.csv").toString());
        assertThat(completed.err()).isEmpty();

        issue("smoke", "sample-input/requests.csv").assertOneLineFailure(ExitCodes.ALREADY_COMPLETED,
                "batch smoke for run date 2026-11-24 has already completed; nothing was done");
        Launch countedAsSuccess = issue("smoke", "sample-input/requests.csv",
                "--issuance.already-completed-exit-code=0");
        assertThat(countedAsSuccess.exitCode()).as("a scheduler's choice").isZero();
        assertThat(countedAsSuccess.err()).contains("has already completed; nothing was done");

        run("--issuance.command=stop", "--batch-id=smoke").assertOneLineFailure(ExitCodes.ALREADY_COMPLETED,
                "nothing of batch smoke is running; nothing was done");
        run("--issuance.command=stop", "--batch-id=never-ran").assertOneLineFailure(ExitCodes.INVALID_INPUT,
                "batch never-ran has never run; nothing to stop");
        run("--issuance.command=stop").assertOneLineFailure(ExitCodes.INVALID_INPUT, "stop needs one job execution id");

        issue("smoke-2", "sample-input/members.csv").assertOneLineFailure(ExitCodes.INVALID_INPUT,
                "is missing required columns", "nothing was issued");

        issue("smoke-missing", dir.resolve("absent.csv").toString()).assertOneLineFailure(ExitCodes.INVALID_INPUT,
                "absent.csv", "nothing was issued");

        issue("smoke-3", "sample-input/requests.csv", "encoding=LATIN-1").assertOneLineFailure(ExitCodes.INVALID_INPUT,
                "invalid job parameters: Unsupported encoding 'LATIN-1'");

        run("--spring.batch.job.name=issueCardsJob", "batchId=x", "runDate=2026-13-01", "inputFile=f")
            .assertOneLineFailure(ExitCodes.INVALID_INPUT, "runDate '2026-13-01' is not a date");

        run().assertOneLineFailure(ExitCodes.INVALID_INPUT, "no job named");
    }

    @Test
    void aBatchIdReusedForAnotherFileIsRefusedBeforeAnythingIsIssued() {
        run("--issuance.command=load-reference-data", "--members=sample-input/members.csv",
                "--products=sample-input/products.csv");
        assertThat(issue("reused", "sample-input/requests.csv").exitCode()).isZero();
        Path other = JobFixture.write(dir, "other.csv",
                JobFixture.HEADER + "\n" + ResultCodeJobFunctionalTests.VALID + "\n");

        issue("reused", other.toString()).assertOneLineFailure(ExitCodes.INVALID_INPUT, "reused", "different file");
        run("--spring.batch.job.name=issueCardsJob", "batchId=reused", "runDate=2026-11-25", "inputFile=" + other)
            .assertOneLineFailure(ExitCodes.INVALID_INPUT, "reused");
    }

    @Test
    void aKeystoreThatCannotBeOpenedStopsTheStartOnOneLine() {
        run("--issuance.command=none");
        Launch launch = run("--issuance.command=none", "--issuance.crypto.keystore-password=not-the-password");
        launch.assertOneLineFailure(ExitCodes.FAILED, "could not start: Cannot open keystore",
                "the keystore password is wrong", dir.resolve("bulk-issuance.log").toString());
        assertThat(launch.out()).doesNotContain("APPLICATION FAILED TO START");
    }

    /**
     * One launch: its exit code and what it printed, less what earlier launches printed.
     */
    record Launch(int exitCode, String out, String err) {

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
