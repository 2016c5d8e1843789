package com.example.cards.issue;

import com.example.cards.RecoveryProperties;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.dsl.IntegrationFlow;

/**
 * A worker process ({@code issuance.command=worker}, which {@code jobs/worker.sh} sets
 * through the {@code worker} profile): takes the issue step's partitions from the queue
 * and runs each with the issue step's own worker step (the same reader,
 * {@link IssuanceProcessor} and writer as a local run), for any batch and any job, until
 * it is stopped.
 * <p>
 * Each consumer has at most one message it has not acknowledged ({@code prefetch 1}): the
 * message of a partition is acknowledged when the partition starts, so a worker that dies
 * loses only the partition it was running (the manager's timeout then fails the run, and
 * restart runs the partition again), and the one waiting in its buffer goes back to the
 * queue for another worker.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "issuance.command", havingValue = "worker")
@Import(PartitionQueueConfiguration.class)
class PartitionWorkerConfiguration {

    @Bean
    PartitionWorker partitionWorker(JobRepository jobRepository,
            @Qualifier(IssueStepConfiguration.ISSUE_CARDS_WORKER_STEP) Step workerStep, PartitionsInHand inHand,
            RemotePartitioningProperties remote, RecoveryProperties recovery) {
        return new PartitionWorker(jobRepository, IssueStepConfiguration.ISSUE_CARDS_WORKER, workerStep, inHand, remote,
                recovery.stopTimeout());
    }

    @Bean
    IntegrationFlow issuePartitionWorkerFlow(ConnectionFactory connectionFactory, RemotePartitioningProperties remote,
            PartitionWorker worker) {
        return IntegrationFlow
            .from(Amqp.inboundAdapter(connectionFactory, remote.queue())
                .configureContainer(container -> container.acknowledgeMode(AcknowledgeMode.MANUAL)
                    .prefetchCount(1)
                    .concurrentConsumers(remote.workerThreads())
                    .defaultRequeueRejected(true)))
            .handle(worker::take)
            .get();
    }

}
