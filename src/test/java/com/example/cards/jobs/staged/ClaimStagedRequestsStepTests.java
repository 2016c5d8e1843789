package com.example.cards.jobs.staged;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import com.example.cards.crypto.FieldCipher;
import com.example.cards.jobs.StagingFixture;
import com.example.cards.run.BatchSource;
import com.example.cards.run.JobNames;
import com.example.cards.run.RunContext;
import com.example.cards.run.RunParameters;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staging job's first step on its own ({@link JobOperatorTestUtils#startStep}): it
 * claims the batch's pending rows for the run date, records the claim in the job's
 * context for the issue and export steps, and leaves other batches' rows alone.
 */
@SpringBatchTest
@SpringBootTest
@ActiveProfiles("test")
class ClaimStagedRequestsStepTests {

    private static final LocalDate RUN_DATE = LocalDate.of(2026, 11, 24);

    @Autowired
    JobOperatorTestUtils jobOperatorTestUtils;

    @Autowired
    @Qualifier(JobNames.ISSUE_STAGED)
    Job stagedJob;

    @Autowired
    @Qualifier(IssueStagedJobConfiguration.CLAIM_STAGED_REQUESTS_STEP)
    Step claimStep;

    @Autowired
    DataSource dataSource;

    @Autowired
    FieldCipher cipher;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void useTheStagedJob() {
        jobOperatorTestUtils.setJob(stagedJob);
    }

    @Test
    void claimsThePendingRowsOfItsBatchForTheRunDate() {
        StagingFixture.stageCommitted(dataSource, cipher, "claim-1", 1, StagingFixture.VALID);
        StagingFixture.stageCommitted(dataSource, cipher, "claim-1", 2, StagingFixture.PRE_ISSUE);
        StagingFixture.stageCommitted(dataSource, cipher, "claim-other", 1, StagingFixture.VALID);
        JobParameters parameters = new JobParametersBuilder().addString(RunParameters.BATCH_ID, "claim-1")
            .addLocalDate(RunParameters.RUN_DATE, RUN_DATE)
            .addString(RunParameters.OUTPUT_DIR, Path.of("target/test-output").toString(), false)
            .toJobParameters();

        JobExecution execution = jobOperatorTestUtils.startStep(claimStep, parameters, new ExecutionContext());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(execution.getExecutionContext().getString(RunContext.CLAIM_RUN_DATE)).isEqualTo("2026-11-24");
        assertThat(jdbc.queryForObject("SELECT source FROM issuance_batch WHERE batch_id = 'claim-1'", String.class))
            .isEqualTo(BatchSource.STAGING.name());
        List<String> claimed = jdbc.queryForList(
                "SELECT batch_id || ':' || line_no || ':' || COALESCE(CAST(claim_run_date AS VARCHAR(10)), '-') "
                        + "FROM issuance_request WHERE batch_id LIKE 'claim-%' ORDER BY batch_id, line_no",
                String.class);
        assertThat(claimed).containsExactly("claim-1:1:2026-11-24", "claim-1:2:2026-11-24", "claim-other:1:-");
    }

}
