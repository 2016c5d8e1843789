package com.example.cards.issue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

import com.example.cards.IssuanceProperties;
import com.example.cards.crypto.KeyRing;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The issuing services every job shares: card numbers, application numbers, the wallet
 * hand-off.
 */
@Configuration(proxyBeanMethods = false)
class IssuanceConfiguration {

    @Bean
    CardApplyNumbers cardApplyNumbers(Clock clock) {
        return new CardApplyNumbers(new SecureRandom(), clock);
    }

    @Bean
    CardNumberPermutation cardNumberPermutation(KeyRing keyRing) {
        return new CardNumberPermutation(keyRing.panPermutationKey());
    }

    @Bean
    CardNumberAllocator cardNumberAllocator(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
            CardNumberPermutation permutation, IssuanceProperties properties) {
        return new CardNumberAllocator(jdbc, transactionManager, permutation, properties.counterBlockSize());
    }

    @Bean
    @ConditionalOnMissingBean
    WalletProvisioning walletProvisioning() {
        return new CountingWalletProvisioning();
    }

    /**
     * Used when no wallet push is plugged in (the embedded default): counts the mobile
     * cards handed over and lets their CVCs go, as the platform's push would after
     * delivering them.
     */
    static final class CountingWalletProvisioning implements WalletProvisioning {

        private final AtomicLong provisioned = new AtomicLong();

        @Override
        public void provision(BigInteger userId, String cardApplyNo, String pan, String expiryYymm, String cvc) {
            provisioned.incrementAndGet();
        }

        long provisioned() {
            return provisioned.get();
        }

    }

}
