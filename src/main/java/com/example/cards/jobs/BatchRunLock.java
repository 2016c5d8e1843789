package com.example.cards.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * A lock on one batch for the length of a run, so that two launches of the same batch
 * never run at once, even from two machines. It is a row lock
 * ({@code SELECT ... FOR UPDATE NOWAIT}) held by an open transaction on a connection of
 * its own: the database releases it when the process ends, however it ends, so a run left
 * STARTED by a killed process is recognisable because its lock is free. Same SQL on H2,
 * PostgreSQL and Oracle.
 */
public final class BatchRunLock implements AutoCloseable {

    private final Connection connection;

    private BatchRunLock(Connection connection) {
        this.connection = connection;
    }

    /** The lock on {@code key}, or empty when another run holds it. */
    public static Optional<BatchRunLock> tryAcquire(DataSource dataSource, String key) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement insert = connection
                .prepareStatement("INSERT INTO run_lock (lock_key, created_at) VALUES (?, ?)")) {
                insert.setString(1, key);
                insert.setTimestamp(2, Timestamp.valueOf(LocalDateTime.now()));
                insert.executeUpdate();
            }
            catch (SQLException alreadyThere) {
                // the row exists from an earlier run: only the row lock below matters
            }
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection
                .prepareStatement("SELECT lock_key FROM run_lock WHERE lock_key = ? FOR UPDATE NOWAIT")) {
                lock.setString(1, key);
                lock.executeQuery().close();
            }
            return Optional.of(new BatchRunLock(connection));
        }
        catch (SQLException ex) {
            if (connection != null && isLockRefused(ex)) {
                closeQuietly(connection);
                return Optional.empty();
            }
            closeQuietly(connection);
            throw new DataAccessResourceFailureException("cannot take the run lock for " + key + ": " + ex.getMessage(),
                    ex);
        }
    }

    /**
     * Whether a run currently holds the lock on {@code key} (a probe: takes and releases
     * it at once).
     */
    public static boolean isHeld(DataSource dataSource, String key) {
        Optional<BatchRunLock> lock = tryAcquire(dataSource, key);
        lock.ifPresent(BatchRunLock::close);
        return lock.isEmpty();
    }

    /**
     * PostgreSQL 55P03 lock_not_available, H2 HYT00 lock timeout, Oracle ORA-00054
     * resource busy.
     */
    private static boolean isLockRefused(SQLException ex) {
        String state = ex.getSQLState();
        return "55P03".equals(state) || "HYT00".equals(state) || ex.getErrorCode() == 54 || ex.getErrorCode() == 50200;
    }

    @Override
    public void close() {
        try {
            connection.rollback();
        }
        catch (SQLException ex) {
            // closing the connection below releases the lock all the same
        }
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            }
            catch (SQLException ex) {
                // nothing more to release
            }
        }
    }

}
