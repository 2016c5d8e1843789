package com.example.cards.issue;

import java.util.List;

import com.example.cards.RecoveryProperties;

import org.springframework.core.retry.RetryPolicy;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The database faults that are worth retrying: a lost or refused connection, a lock or
 * query timeout, a deadlock victim. Anything else (a constraint violation above all: it
 * is how the database refuses a second card) fails the chunk at once.
 */
public final class TransientFaults {

    static final List<Class<? extends Throwable>> RETRYABLE = List.of(TransientDataAccessException.class,
            RecoverableDataAccessException.class, CannotGetJdbcConnectionException.class, QueryTimeoutException.class,
            CannotCreateTransactionException.class);

    private TransientFaults() {
    }

    /**
     * Exponential back-off from {@code retryDelay}, times {@code retryMultiplier}, at
     * most {@code retryMaxDelay}.
     */
    public static RetryPolicy retryPolicy(RecoveryProperties properties) {
        return RetryPolicy.builder()
            .includes(RETRYABLE)
            .maxRetries(properties.retryLimit())
            .delay(properties.retryDelay())
            .multiplier(properties.retryMultiplier())
            .maxDelay(properties.retryMaxDelay())
            .build();
    }

}
