package com.example.cards.issue;

import org.springframework.amqp.core.Queue;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.config.EnableIntegration;

/**
 * The durable queue of the issue step's partitions ({@code issuance.remote.queue}),
 * declared by the manager and by every worker, whichever connects first (Spring Boot's
 * {@code AmqpAdmin} declares it on connection). Imported by
 * {@link RemotePartitioningManagerConfiguration} and
 * {@link PartitionWorkerConfiguration}, so that a local run declares nothing and needs no
 * broker.
 */
@EnableIntegration
class PartitionQueueConfiguration {

    @Bean
    Queue issuePartitionQueue(RemotePartitioningProperties remote) {
        return new Queue(remote.queue(), true);
    }

}
