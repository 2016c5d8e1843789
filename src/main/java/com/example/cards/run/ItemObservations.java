package com.example.cards.run;

import io.micrometer.observation.ObservationPredicate;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Batch 6 observes each item it reads and processes ({@code spring.batch.item.*}),
 * besides each job, step and chunk. Per item, that is a Micrometer timer looked up and
 * stopped twice per request: on PostgreSQL at 1,000,000 requests, about 15% of the job
 * JVM's CPU in the stage and issue steps (docs/performance.md). They are switched off
 * unless {@code issuance.metrics.item-observations=true}; the job, step and chunk
 * observations and the job's own counters stay.
 */
@Configuration(proxyBeanMethods = false)
public class ItemObservations {

    static final String ITEM_OBSERVATIONS = "spring.batch.item.";

    @Bean
    @ConditionalOnProperty(name = "issuance.metrics.item-observations", havingValue = "false", matchIfMissing = true)
    ObservationPredicate noItemObservations() {
        return (name, context) -> !name.startsWith(ITEM_OBSERVATIONS);
    }

}
