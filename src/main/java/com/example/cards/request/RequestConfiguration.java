package com.example.cards.request;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock every step reads the time from, request validation and correlation ids. */
@Configuration(proxyBeanMethods = false)
class RequestConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemDefaultZone();
    }

    @Bean
    RequestValidator requestValidator() {
        return new RequestValidator();
    }

    @Bean
    CorrelationIds correlationIds(Clock clock) {
        return new CorrelationIds(clock);
    }

}
