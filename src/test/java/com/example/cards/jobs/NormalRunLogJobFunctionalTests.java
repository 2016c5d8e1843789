package com.example.cards.jobs;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.example.cards.BulkIssuanceApplication;
import com.example.cards.cli.ExitCodes;
import com.example.cards.crypto.FieldCipher;
import com.example.cards.run.JobNames;
import com.example.cards.stage.StagingTableWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A normal run of every job logs no warning, from the application's start to its exit:
 * the console is for operators, and a warning printed on every run (Spring Batch's, for a
 * step-scoped reader or writer declared by its interface, for one) teaches them to ignore
 * warnings. Each job runs in an application of its own, started as the scripts start it,
 * with the default logging.
 */
@ExtendWith(OutputCaptureExtension.class)
class NormalRunLogJobFunctionalTests {

    @TempDir
    Path dir;

    private String[] arguments(String... more) {
        List<String> all = new ArrayList<>(List.of("--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db"),
                "--issuance.crypto.keystore-path=" + dir.resolve("keystore.p12"),
                "--issuance.crypto.create-keystore-if-missing=true", "--issuance.output-dir=" + dir.resolve("out")));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private int run(String... arguments) {
        return SpringApplication.exit(SpringApplication.run(BulkIssuanceApplication.class, arguments(arguments)));
    }

    private int launch(String jobName, String... parameters) {
        List<String> all = new ArrayList<>(List.of("--spring.batch.job.name=" + jobName));
        all.addAll(List.of(parameters));
        return run(all.toArray(String[]::new));
    }

    /** Rows an upstream system writes into the staging table. */
    private void stage(String batchId) {
        try (ConfigurableApplicationContext context = SpringApplication.run(BulkIssuanceApplication.class,
                arguments("--issuance.command=none"))) {
            new StagingTableWriter(context.getBean(JdbcTemplate.class), context.getBean(FieldCipher.class),
                    Clock.systemDefaultZone())
                .write(batchId,
                        List.of(StagingTableWriter.row(1, StagingFixture.VALID),
                                StagingTableWriter.row(2, StagingFixture.PRE_ISSUE),
                                StagingTableWriter.row(3, StagingFixture.UNKNOWN_MEMBER)));
        }
    }

    @Test
    void everyJobRunsWithoutAWarning(CapturedOutput output) {
        // The first start creates the development keystore, and warns that it did: once,
        // on purpose, before any normal run.
        assertThat(run("--issuance.command=load-reference-data", "--members=sample-input/members.csv",
                "--products=sample-input/products.csv"))
            .isZero();
        int start = output.getAll().length();

        String input = "inputFile=sample-input/requests.csv";
        assertThat(launch(JobNames.PREVIEW_CARDS, "batchId=quiet", "runDate=2026-11-24", input))
            .isEqualTo(ExitCodes.COMPLETED);
        assertThat(launch(JobNames.ISSUE_CARDS, "batchId=quiet", "runDate=2026-11-24", input))
            .isEqualTo(ExitCodes.COMPLETED);
        assertThat(launch(JobNames.RERUN_FAILED, "batchId=quiet", "runDate=2026-11-25")).isEqualTo(ExitCodes.COMPLETED);
        stage("quiet-staged");
        assertThat(launch(JobNames.ISSUE_STAGED, "batchId=quiet-staged", "runDate=2026-11-24"))
            .isEqualTo(ExitCodes.COMPLETED);

        List<String> lines = output.getAll().substring(start).lines().toList();
        assertThat(lines).as("the runs were logged")
            .anyMatch(line -> line.contains("Executing step: [exportPreview]"))
            .anyMatch(line -> line.contains("Executing step: [exportOutputs]"))
            .anyMatch(line -> line.contains("Executing step: [exportRerunOutputs]"))
            .anyMatch(line -> line.contains("Executing step: [claimStagedRequests]"));
        assertThat(lines).as("warnings or errors of a normal run")
            .filteredOn(line -> line.contains(" WARN ") || line.contains(" ERROR "))
            .isEmpty();
    }

}
