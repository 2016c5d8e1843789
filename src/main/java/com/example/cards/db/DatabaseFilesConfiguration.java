package com.example.cards.db;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Registers {@link EmbeddedDatabaseFiles} early enough to see the DataSource created. */
@Configuration(proxyBeanMethods = false)
class DatabaseFilesConfiguration {

    @Bean
    static EmbeddedDatabaseFiles embeddedDatabaseFiles(Environment environment) {
        return new EmbeddedDatabaseFiles(environment);
    }

}
