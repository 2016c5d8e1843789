package com.example.cards.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import com.example.cards.cli.ExitCodes;
import com.example.cards.run.JobNames;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Inputs and parameters are checked before anything happens: an input that is not a
 * regular file, an output directory that cannot be written and a run date outside the
 * window are refused with exit 2 and one line, and no batch is registered; a missing
 * output directory is created owner-only.
 */
@ExtendWith(OutputCaptureExtension.class)
class LaunchChecksJobFunctionalTests extends JobFunctionalTestSupport {

    @Autowired
    ApplicationContext context;

    @TempDir
    Path dir;

    JobFixture fixture;

    Launcher launcher;

    @BeforeEach
    void setUp() {
        fixture = fixture(dir.resolve("out"));
        launcher = new Launcher(context);
    }

    private int issue(String batchId, Path input, String runDate, Path outputDir) {
        return launcher.launch(JobNames.ISSUE_CARDS, "batchId=" + batchId, "runDate=" + runDate, "inputFile=" + input,
                "outputDir=" + outputDir);
    }

    private Path validInput() {
        return JobFixture.write(dir, "in.csv", JobFixture.HEADER + "\n" + BadInputJobFunctionalTests.VALID + "\n");
    }

    @Test
    void aFifoOrADeviceAsInputIsRefusedAtOnce(CapturedOutput output) throws Exception {
        Path fifo = dir.resolve("requests.csv");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        // A job that opened the FIFO would block for ever (nothing writes to it).
        int exit = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> issue("fifo-1", fifo, "2026-11-24", dir.resolve("out")));
        assertThat(exit).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(output.getErr()).contains("bulk-issuance: Request file '" + fifo + "' is not a regular file");
        int device = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> issue("fifo-2", Path.of("/dev/zero"), "2026-11-24", dir.resolve("out")));
        assertThat(device).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(output.getErr()).contains("Request file '/dev/zero' is not a regular file");
        assertNotRegistered("fifo-1", "fifo-2");
    }

    @Test
    void anOutputDirectoryThatIsAFileOrNotWritableIsRefusedBeforeStaging(CapturedOutput output) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        assertThat(issue("outdir-1", validInput(), "2026-11-24", file)).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(output.getErr()).contains("output directory '" + file + "' is a file, not a directory");
        // Not writable for anyone, root included (the tests may run as root, which
        // ignores
        // permission bits).
        assertThat(issue("outdir-2", validInput(), "2026-11-24", Path.of("/proc"))).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(output.getErr()).contains("output directory '/proc' is not writable");
        Path inside = file.resolve("sub");
        assertThat(issue("outdir-3", validInput(), "2026-11-24", inside)).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(output.getErr()).contains("output directory '" + inside + "' cannot be created");
        assertNotRegistered("outdir-1", "outdir-2", "outdir-3");
    }

    @Test
    void aMissingOutputDirectoryIsCreatedOwnerOnly() throws Exception {
        Path out = dir.resolve("new/outputs");
        assertThat(issue("outdir-4", validInput(), "2026-11-24", out)).isEqualTo(ExitCodes.COMPLETED);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.getParent())))
            .isEqualTo("rwx------");
        assertThat(Files.list(out).map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".write-check")))
            .isEmpty();
    }

    @Test
    void aRunDateFarFromTodayIsRefusedBeforeTheBatchIsRegistered(CapturedOutput output) {
        assertThat(issue("date-1", validInput(), "1900-01-01", dir.resolve("out"))).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(issue("date-2", validInput(), "9999-12-01", dir.resolve("out"))).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(launcher.launch(JobNames.ISSUE_STAGED, "runDate=1900-01-01", "outputDir=" + dir.resolve("out")))
            .isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(output.getErr()).contains("runDate 1900-01-01 is outside the accepted window",
                "runDate 9999-12-01 is outside the accepted window", "issuance.launch.run-date-window");
        assertNotRegistered("date-1", "date-2");
        assertThat(fixture.count("SELECT COUNT(*) FROM batch_job_execution_params WHERE parameter_value LIKE '1900%'"
                + " OR parameter_value LIKE '9999%'"))
            .isZero();
    }

    private void assertNotRegistered(String... batchIds) {
        for (String batchId : List.of(batchIds)) {
            assertThat(fixture.count("SELECT COUNT(*) FROM batch_job_execution_params WHERE parameter_name = 'batchId'"
                    + " AND parameter_value = ?", batchId))
                .as(batchId)
                .isZero();
            assertThat(fixture.count("SELECT COUNT(*) FROM issuance_request WHERE batch_id = ?", batchId)).isZero();
        }
    }

}
