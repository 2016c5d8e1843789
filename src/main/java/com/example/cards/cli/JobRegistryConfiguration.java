package com.example.cards.cli;

import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The job registry {@link JobOperator#restart} looks a job up in by name. Boot 4 defines
 * none; without a bean, Spring Batch 6's operator fills a private registry with the Job
 * beans it can reach while the operator itself is being created, which misses any job
 * whose own creation needs the operator (one still being created at that moment). A
 * {@link MapJobRegistry} bean registers every Job bean of the context once all singletons
 * exist, and the operator takes it, whatever the order of creation.
 */
@Configuration(proxyBeanMethods = false)
class JobRegistryConfiguration {

    @Bean
    JobRegistry jobRegistry() {
        return new MapJobRegistry();
    }

}
