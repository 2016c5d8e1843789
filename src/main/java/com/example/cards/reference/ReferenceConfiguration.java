package com.example.cards.reference;

import com.example.cards.crypto.KeyedHash;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Loading of the platform's members and card products. */
@Configuration(proxyBeanMethods = false)
class ReferenceConfiguration {

    @Bean
    ReferenceDataLoader referenceDataLoader(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
            KeyedHash keyedHash) {
        return new ReferenceDataLoader(jdbc, new TransactionTemplate(transactionManager), keyedHash);
    }

}
