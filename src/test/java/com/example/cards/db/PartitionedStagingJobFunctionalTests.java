package com.example.cards.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.example.cards.jobs.JobFixture;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample file staged by 3 partitions in chunks of 4, so partitions write concurrently
 * and each takes several chunks: the reference outcome (the inherited test), and every
 * record staged once, by one partition, at its line.
 */
@SpringBootTest(properties = { "issuance.staging-partitions=3", "issuance.chunk-size=4" })
class PartitionedStagingJobFunctionalTests extends SampleJobFunctionalTests {

    @Test
    void eachPartitionStagesItsOwnPartOfTheFile() throws Exception {
        JobFixture fixture = new JobFixture(jobOperator, job, jdbc, loader, dir);

        assertThat(fixture.run("parts-sample", Path.of("sample-input/requests.csv")).getStatus())
            .isEqualTo(BatchStatus.COMPLETED);

        List<Long> workerReads = jdbc.queryForList("""
                SELECT s.READ_COUNT FROM BATCH_STEP_EXECUTION s
                  JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID
                 WHERE s.STEP_NAME LIKE 'stageRequestsWorker:partition%'
                   AND p.PARAMETER_NAME = 'batchId' AND p.PARAMETER_VALUE = 'parts-sample'
                """, Long.class);
        assertThat(workerReads).hasSize(3).allSatisfy(n -> assertThat(n).isPositive());
        assertThat(workerReads.stream().mapToLong(Long::longValue).sum()).isEqualTo(SampleExpectations.RECORDS);
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT line_no) FROM issuance_request WHERE batch_id = ?",
                Integer.class, "parts-sample"))
            .isEqualTo(SampleExpectations.RECORDS);
        assertThat(Files.readAllLines(fixture.outputs("parts-sample").results()))
            .hasSize(SampleExpectations.RECORDS + 1);
    }

}
