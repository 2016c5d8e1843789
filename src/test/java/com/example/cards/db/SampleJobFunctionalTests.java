package com.example.cards.db;

import java.nio.file.Path;

import com.example.cards.jobs.JobFixture;
import com.example.cards.reference.ReferenceDataLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample file on the embedded default: the reference outcome that the Oracle-mode and
 * PostgreSQL runs must match.
 */
@SpringBootTest
@ActiveProfiles("test")
class SampleJobFunctionalTests {

    @Autowired
    JobOperator jobOperator;

    @Autowired
    @Qualifier("issueCardsJob")
    Job job;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ReferenceDataLoader loader;

    @TempDir
    Path dir;

    @Test
    void theSampleGivesEveryResultCode() throws Exception {
        JobFixture fixture = new JobFixture(jobOperator, job, jdbc, loader, dir);

        assertThat(fixture.run("h2-sample", Path.of("sample-input/requests.csv")).getStatus())
            .isEqualTo(BatchStatus.COMPLETED);

        SampleExpectations.assertSampleOutcome(jdbc, "h2-sample");
        assertThat(PostgresCopy.isPostgres(jdbc)).as("H2 keeps the JDBC batches").isFalse();
    }

}
