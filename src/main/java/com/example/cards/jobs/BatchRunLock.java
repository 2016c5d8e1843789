package com.example.cards.jobs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * A lock on one batch for the length of a run, so that two launches of the same batch
 * never run at once, even from two machines. It lives in a database session of its own,
 * so the database releases it when the process ends, however it ends: a run left STARTED
 * by a killed process is recognisable because its lock is free.
 * <p>
 * How it is held depends on the database, so that no database setting can take it from a
 * live run unnoticed:
 * <ul>
 * <li>PostgreSQL: a session-level advisory lock ({@code pg_try_advisory_lock}) on a
 * connection in autocommit mode. No transaction stays open, so
 * {@code idle_in_transaction_session_timeout} does not apply to it.</li>
 * <li>Oracle: a session-level user lock ({@code DBMS_LOCK.REQUEST} with
 * {@code release_on_commit => FALSE}); the user needs EXECUTE on {@code DBMS_LOCK}.</li>
 * <li>H2 (and any other database): a row lock ({@code SELECT ... FOR UPDATE NOWAIT}) held
 * by an open transaction; H2 ends no idle session.</li>
 * </ul>
 * Only the end of its session can take the lock away (a DBA's session killer,
 * {@code idle_session_timeout}, a network cut). {@link #watch} notices that at once: a
 * heartbeat runs a statement on the lock's session at a short interval (which also keeps
 * the session from looking idle) and reports the first failure, so the run can be stopped
 * before a second launch takes the lock and mistakes the live run for a dead one.
 */
public final class BatchRunLock implements AutoCloseable {

    private final Connection connection;

    private final Hold hold;

    private final String key;

    private ScheduledExecutorService heartbeat;

    private boolean closed;

    private volatile String lost;

    private BatchRunLock(Connection connection, Hold hold, String key) {
        this.connection = connection;
        this.hold = hold;
        this.key = key;
    }

    /** The lock on {@code key}, or empty when another run holds it. */
    public static Optional<BatchRunLock> tryAcquire(DataSource dataSource, String key) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            Hold hold = Hold.of(connection);
            if (!hold.tryLock(connection, key)) {
                closeQuietly(connection);
                return Optional.empty();
            }
            return Optional.of(new BatchRunLock(connection, hold, key));
        }
        catch (SQLException ex) {
            abortQuietly(connection);
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
     * Checks the lock's session every {@code interval} until the lock is closed; on the
     * first failure calls {@code onLost} once, with the reason, from the heartbeat's
     * thread.
     */
    public synchronized void watch(Duration interval, Consumer<String> onLost) {
        if (closed || heartbeat != null) {
            return;
        }
        heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "run-lock-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, interval.toMillis());
        heartbeat.scheduleWithFixedDelay(() -> beat(onLost), millis, millis, TimeUnit.MILLISECONDS);
    }

    private void beat(Consumer<String> onLost) {
        String reason;
        synchronized (this) {
            if (closed || lost != null) {
                return;
            }
            try {
                if (hold.stillHeld(connection, key)) {
                    return;
                }
                reason = "the database no longer shows the lock on the run's session";
            }
            catch (SQLException ex) {
                reason = "its database session ended (" + ex.getMessage() + ")";
            }
            lost = reason;
            heartbeat.shutdown();
        }
        onLost.accept(reason);
    }

    /** Why the lock was lost, when the heartbeat found it lost. */
    public Optional<String> lost() {
        return Optional.ofNullable(lost);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
        try {
            hold.unlock(connection, key);
            closeQuietly(connection);
        }
        catch (SQLException ex) {
            // A pooled connection must not go back to the pool still holding a
            // session-level lock: drop it instead (ending its session releases the lock).
            abortQuietly(connection);
        }
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

    private static void abortQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.abort(Runnable::run);
            }
            catch (SQLException | RuntimeException ex) {
                closeQuietly(connection);
            }
        }
    }

    /** How one database holds the lock. */
    private enum Hold {

        /**
         * A session-level advisory lock, keyed by the first 8 bytes of a SHA-256 of the
         * key.
         */
        POSTGRESQL {
            @Override
            boolean tryLock(Connection connection, String key) throws SQLException {
                try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                    lock.setLong(1, advisoryKey(key));
                    try (ResultSet rs = lock.executeQuery()) {
                        return rs.next() && rs.getBoolean(1);
                    }
                }
            }

            @Override
            boolean stillHeld(Connection connection, String key) throws SQLException {
                try (PreparedStatement held = connection.prepareStatement("""
                        SELECT COUNT(*) FROM pg_locks
                         WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted
                           AND ((classid::bigint << 32) | objid::bigint) = ?""")) {
                    held.setLong(1, advisoryKey(key));
                    try (ResultSet rs = held.executeQuery()) {
                        return rs.next() && rs.getInt(1) > 0;
                    }
                }
            }

            @Override
            void unlock(Connection connection, String key) throws SQLException {
                try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    unlock.setLong(1, advisoryKey(key));
                    try (ResultSet rs = unlock.executeQuery()) {
                        if (!rs.next() || !rs.getBoolean(1)) {
                            throw new SQLException("the advisory lock was not held at release");
                        }
                    }
                }
            }
        },

        /**
         * A session-level DBMS_LOCK user lock (0 granted, 1 timeout: another session has
         * it, 4 this session already has it).
         */
        ORACLE {
            @Override
            boolean tryLock(Connection connection, String key) throws SQLException {
                try (CallableStatement request = connection.prepareCall("""
                        DECLARE h VARCHAR2(128);
                        BEGIN
                          DBMS_LOCK.ALLOCATE_UNIQUE(?, h);
                          ? := DBMS_LOCK.REQUEST(h, DBMS_LOCK.X_MODE, 0, FALSE);
                        END;""")) {
                    request.setString(1, lockName(key));
                    request.registerOutParameter(2, Types.INTEGER);
                    request.execute();
                    int result = request.getInt(2);
                    if (result == 0 || result == 4) {
                        return true;
                    }
                    if (result == 1) {
                        return false;
                    }
                    throw new SQLException("DBMS_LOCK.REQUEST returned " + result);
                }
            }

            @Override
            boolean stillHeld(Connection connection, String key) throws SQLException {
                try (Statement alive = connection.createStatement()) {
                    alive.execute("SELECT 1 FROM DUAL");
                }
                // a user lock goes only with its session, which has just answered
                return true;
            }

            @Override
            void unlock(Connection connection, String key) throws SQLException {
                try (CallableStatement release = connection.prepareCall("""
                        DECLARE h VARCHAR2(128); r INTEGER;
                        BEGIN
                          DBMS_LOCK.ALLOCATE_UNIQUE(?, h);
                          r := DBMS_LOCK.RELEASE(h);
                          IF r <> 0 THEN RAISE_APPLICATION_ERROR(-20001, 'DBMS_LOCK.RELEASE returned ' || r); END IF;
                        END;""")) {
                    release.setString(1, lockName(key));
                    release.execute();
                }
            }

            private static String lockName(String key) {
                return "bulk-issuance:" + key;
            }
        },

        /**
         * A row lock held by an open transaction (the same SQL runs on H2 in any mode).
         */
        ROW {
            @Override
            boolean tryLock(Connection connection, String key) throws SQLException {
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
                try {
                    stillHeld(connection, key);
                    return true;
                }
                catch (SQLException ex) {
                    if (isLockRefused(ex)) {
                        return false;
                    }
                    throw ex;
                }
            }

            @Override
            boolean stillHeld(Connection connection, String key) throws SQLException {
                // in the lock's own transaction: succeeds while the transaction holds it
                try (PreparedStatement lock = connection
                    .prepareStatement("SELECT lock_key FROM run_lock WHERE lock_key = ? FOR UPDATE NOWAIT")) {
                    lock.setString(1, key);
                    try (ResultSet rs = lock.executeQuery()) {
                        return rs.next();
                    }
                }
            }

            @Override
            void unlock(Connection connection, String key) throws SQLException {
                connection.rollback();
            }

            /**
             * PostgreSQL 55P03 lock_not_available, H2 HYT00 lock timeout, Oracle
             * ORA-00054 resource busy.
             */
            private static boolean isLockRefused(SQLException ex) {
                String state = ex.getSQLState();
                return "55P03".equals(state) || "HYT00".equals(state) || ex.getErrorCode() == 54
                        || ex.getErrorCode() == 50200;
            }
        };

        abstract boolean tryLock(Connection connection, String key) throws SQLException;

        abstract boolean stillHeld(Connection connection, String key) throws SQLException;

        abstract void unlock(Connection connection, String key) throws SQLException;

        static Hold of(Connection connection) throws SQLException {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("postgresql")) {
                return POSTGRESQL;
            }
            if (product.contains("oracle")) {
                return ORACLE;
            }
            return ROW;
        }

        static long advisoryKey(String key) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("bulk-issuance run lock:" + key).getBytes(StandardCharsets.UTF_8));
                return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
            }
            catch (NoSuchAlgorithmException ex) {
                throw new IllegalStateException("SHA-256 is part of every JDK", ex);
            }
        }

    }

}
