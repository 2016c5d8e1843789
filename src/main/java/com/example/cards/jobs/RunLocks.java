package com.example.cards.jobs;

import java.util.Optional;

import javax.sql.DataSource;

import com.example.cards.RecoveryProperties;

import org.springframework.stereotype.Component;

/**
 * Takes the run locks of live runs ({@link BatchRunLock}) and watches them: when the
 * heartbeat finds a lock lost, the running job is stopped at its next chunk boundary
 * ({@link GracefulStop#stopRun}), so that it never runs on without its lock while a
 * second launch could take it.
 */
@Component
public class RunLocks {

    private final DataSource dataSource;

    private final RecoveryProperties properties;

    private final GracefulStop gracefulStop;

    RunLocks(DataSource dataSource, RecoveryProperties properties, GracefulStop gracefulStop) {
        this.dataSource = dataSource;
        this.properties = properties;
        this.gracefulStop = gracefulStop;
    }

    /** The watched lock on {@code key}, or empty when another run holds it. */
    public Optional<BatchRunLock> acquire(String key) {
        Optional<BatchRunLock> lock = BatchRunLock.tryAcquire(dataSource, key);
        lock.ifPresent(held -> held.watch(properties.lockHeartbeat(),
                why -> gracefulStop.stopRun("the run lock of " + key + " was lost: " + why)));
        return lock;
    }

    /** Why the last run was stopped by this process, if it was (see GracefulStop). */
    public Optional<String> stopReason() {
        return gracefulStop.stopReason();
    }

}
