package com.example.cards.jobs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.example.cards.crypto.KeyRing;
import com.example.cards.export.CvcSource;
import com.example.cards.issue.CvcCalculator;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gives the export the issue layer's CVC algorithm ({@link CvcCalculator}) under the
 * keystore's CVKs, so the card-data file derives each mobile card's CVC exactly as the
 * wallet hand-off does, without the export reaching into the issue layer.
 */
@Configuration(proxyBeanMethods = false)
class CardDataCvcConfiguration {

    /** The service code of the printed and mobile CVC2, as at issuance. */
    static final String CVC2_SERVICE_CODE = "000";

    @Bean
    CvcSource cvcSource(KeyRing keys) {
        Map<String, CvcCalculator> calculators = new ConcurrentHashMap<>();
        return (cvkAlias, pan, expiryYymm) -> calculators.computeIfAbsent(cvkAlias, (alias) -> calculator(keys, alias))
            .cvv(pan, expiryYymm, CVC2_SERVICE_CODE);
    }

    private static CvcCalculator calculator(KeyRing keys, String alias) {
        return CvcCalculator.of(keys.cvk(alias));
    }

}
