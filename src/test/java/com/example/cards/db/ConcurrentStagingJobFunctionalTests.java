package com.example.cards.db;

import java.nio.file.Files;
import java.nio.file.Path;

import com.example.cards.job.JobFixture;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample file with staging's records processed on 3 threads and chunks of 4, so records of one chunk are decided
 * concurrently and chunks follow each other: the reference outcome (the inherited test) and rows in file order.
 */
@SpringBootTest(properties = { "issuance.staging-threads=3", "issuance.chunk-size=4" })
class ConcurrentStagingJobFunctionalTests extends SampleJobFunctionalTests {

    @Test
    void rowsAreWrittenInFileOrder() throws Exception {
        JobFixture fixture = new JobFixture(jobOperator, job, jdbc, loader, dir);

        assertThat(fixture.run("mt-sample", Path.of("sample-input/requests.csv")).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);

        assertThat(jdbc.queryForList("SELECT line_no FROM issuance_request WHERE batch_id = 'mt-sample' ORDER BY id",
                Long.class)).hasSize(SampleExpectations.RECORDS).isSorted();
        assertThat(Files.readAllLines(fixture.outputs("mt-sample").results())).hasSize(SampleExpectations.RECORDS + 1);
    }
}
