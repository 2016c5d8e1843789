package com.example.cards.issue;

import java.nio.file.Path;

import com.example.cards.jobs.JobFixture;
import com.example.cards.reference.ReferenceDataLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.amqp.core.Queue;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default, local partitioning, needs no broker: with the broker's address pointing
 * nowhere, the context declares no queue and no message flow, and a run completes on
 * threads as before remote partitioning existed.
 */
@SpringBootTest(properties = { "spring.rabbitmq.host=127.0.0.1", "spring.rabbitmq.port=1" })
@ActiveProfiles("test")
class LocalPartitioningJobFunctionalTests {

    @Autowired
    ApplicationContext context;

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
    void aLocalRunNeedsNoBroker() throws Exception {
        assertThat(context.getBeansOfType(Queue.class)).isEmpty();
        assertThat(context.getBeansOfType(IntegrationFlow.class)).isEmpty();
        assertThat(context.getBeansOfType(PartitionWorker.class)).isEmpty();

        JobFixture fixture = new JobFixture(jobOperator, job, jdbc, loader, dir);
        assertThat(fixture.run("no-broker", Path.of("sample-input/requests.csv")).getStatus())
            .isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.queryForObject(
                "SELECT COUNT(*) FROM " + JobFixture.REQUESTS + " q WHERE batch_id = 'no-broker' AND status = 'ISSUED'",
                Integer.class))
            .isEqualTo(6);
    }

}
