package com.example.cards.run;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The job's own counters, next to Spring Batch's observations: requests issued, requests
 * rejected per result code (at staging or at issue), cards issued per role. They count
 * once the chunk that wrote the rows has committed, so a rolled-back or retried chunk is
 * not counted twice. Their only labels are the result code and the card role: never
 * anything about a person.
 */
@Component
public class IssuanceCounters {

    /** Counter: requests issued. */
    public static final String ISSUED = "issuance.requests.issued";

    /** Counter: requests rejected, label {@code code}. */
    public static final String REJECTED = "issuance.requests.rejected";

    /** Counter: cards issued, label {@code role} (PHYSICAL, MOBILE). */
    public static final String CARDS = "issuance.cards.issued";

    private final MeterRegistry registry;

    public IssuanceCounters(MeterRegistry registry) {
        this.registry = registry;
    }

    public void issued(long requests) {
        count(Counter.builder(ISSUED).description("Requests issued").register(registry), requests);
    }

    public void rejected(String code, long requests) {
        count(Counter.builder(REJECTED)
            .description("Requests rejected, per result code")
            .tag("code", code == null ? "none" : code)
            .register(registry), requests);
    }

    public void cards(String role, long cards) {
        count(Counter.builder(CARDS).description("Cards issued, per role").tag("role", role).register(registry), cards);
    }

    private static void count(Counter counter, long amount) {
        if (amount <= 0) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    counter.increment(amount);
                }
            });
        }
        else {
            counter.increment(amount);
        }
    }

}
