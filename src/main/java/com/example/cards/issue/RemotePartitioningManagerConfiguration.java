package com.example.cards.issue;

import com.example.cards.IssuanceProperties;
import com.example.cards.db.TableStatistics;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilder;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The manager's side of remote partitioning ({@code issuance.partitioning=remote}): the
 * issue step, under the same bean and step names as the local one, splits the batch into
 * {@code issuance.grid-size} line ranges as always, but sends each partition's step
 * execution id to the broker instead of running it on a thread, then polls the shared job
 * repository until every partition has ended (Spring Batch's repository-polling mode), at
 * most {@code issuance.remote.timeout}. The stage and export steps around it do not
 * change and stay on the manager.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "issuance.partitioning", havingValue = "remote")
@Import(PartitionQueueConfiguration.class)
class RemotePartitioningManagerConfiguration {

    private static final String PARTITION_REQUESTS = "issuePartitionRequests";

    @Bean(PARTITION_REQUESTS)
    DirectChannel issuePartitionRequests() {
        return new DirectChannel();
    }

    /**
     * Each request goes out as a persistent message to the default exchange, routed to
     * the partition queue.
     */
    @Bean
    IntegrationFlow issuePartitionRequestFlow(RabbitTemplate rabbitTemplate, RemotePartitioningProperties remote) {
        return IntegrationFlow.from(PARTITION_REQUESTS)
            .transform(StepExecutionRequest.class, PartitionRequests::encode)
            .handle(Amqp.outboundAdapter(rabbitTemplate).routingKey(remote.queue()))
            .get();
    }

    @Bean(IssueStepConfiguration.ISSUE_CARDS_STEP)
    Step remoteIssueCardsStep(JobRepository jobRepository, RequestRangePartitioner requestRangePartitioner,
            IssuanceProperties properties, RemotePartitioningProperties remote, JdbcTemplate jdbc,
            @Qualifier(PARTITION_REQUESTS) DirectChannel requests) {
        return new RemotePartitioningManagerStepBuilder(IssueStepConfiguration.ISSUE_CARDS, jobRepository)
            .partitioner(IssueStepConfiguration.ISSUE_CARDS_WORKER, requestRangePartitioner)
            .gridSize(properties.gridSize())
            .outputChannel(requests)
            .pollInterval(remote.pollInterval().toMillis())
            .timeout(remote.timeout().toMillis())
            .listener(new TableStatistics(jdbc))
            .listener(new UnfinishedPartitions(jobRepository, IssueStepConfiguration.ISSUE_CARDS_WORKER,
                    remote.timeout()))
            .build();
    }

}
