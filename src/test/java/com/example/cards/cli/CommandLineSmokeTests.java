package com.example.cards.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.example.cards.BulkIssuanceApplication;
import com.example.cards.jobs.JobFixture;
import com.example.cards.jobs.ResultCodeJobFunctionalTests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract a scheduler relies on: the application run as from the command line, its
 * exit codes and messages.
 */
@ExtendWith(OutputCaptureExtension.class)
class CommandLineSmokeTests {

    @TempDir
    Path dir;

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of("--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db"),
                "--issuance.crypto.keystore-path=" + dir.resolve("keystore.p12"),
                "--issuance.crypto.create-keystore-if-missing=true", "--issuance.output-dir=" + dir.resolve("out"),
                "--logging.level.root=ERROR", "--logging.level.com.example.cards=ERROR"));
        all.addAll(List.of(args));
        return SpringApplication.exit(SpringApplication.run(BulkIssuanceApplication.class, all.toArray(String[]::new)));
    }

    private int issue(String batchId, String file, String... more) {
        List<String> args = new ArrayList<>(List.of("--spring.batch.job.name=issueCardsJob", "batchId=" + batchId,
                "runDate=2026-11-24", "inputFile=" + file));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    @Test
    void exitCodesTellTheSchedulerWhatHappened(CapturedOutput output) {
        assertThat(run("--issuance.command=load-reference-data", "--members=sample-input/members.csv",
                "--products=sample-input/products.csv"))
            .isZero();
        assertThat(output.getOut()).contains("Loaded 6 card products", "Loaded 16 members");

        assertThat(issue("smoke", "sample-input/requests.csv")).isEqualTo(ExitCodes.COMPLETED);
        assertThat(output.getOut()).contains("Batch smoke COMPLETED", dir.resolve("out/smoke-results.csv").toString());

        assertThat(issue("smoke", "sample-input/requests.csv")).isEqualTo(ExitCodes.ALREADY_COMPLETED);
        assertThat(output.getErr())
            .contains("batch smoke for run date 2026-11-24 has already completed; nothing was done");

        assertThat(issue("smoke-2", "sample-input/members.csv")).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(output.getErr()).contains("is missing required columns", "nothing was issued");

        assertThat(issue("smoke-3", "sample-input/requests.csv", "encoding=LATIN-1"))
            .isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(output.getErr()).contains("invalid job parameters: Unsupported encoding 'LATIN-1'");

        assertThat(run("--spring.batch.job.name=issueCardsJob", "batchId=x", "runDate=2026-13-01", "inputFile=f"))
            .isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(output.getErr()).contains("runDate '2026-13-01' is not a date");

        assertThat(run()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(output.getErr()).contains("no job named");
    }

    @Test
    void aBatchIdReusedForAnotherFileIsRefusedBeforeAnythingIsIssued(CapturedOutput output) {
        run("--issuance.command=load-reference-data", "--members=sample-input/members.csv",
                "--products=sample-input/products.csv");
        assertThat(issue("reused", "sample-input/requests.csv")).isZero();
        Path other = JobFixture.write(dir, "other.csv",
                JobFixture.HEADER + "\n" + ResultCodeJobFunctionalTests.VALID + "\n");

        assertThat(issue("reused", other.toString())).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(output.getErr()).contains("reused", "different file");
        assertThat(run("--spring.batch.job.name=issueCardsJob", "batchId=reused", "runDate=2026-11-25",
                "inputFile=" + other))
            .isEqualTo(ExitCodes.INVALID_INPUT);
    }

}
