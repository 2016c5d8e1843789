package com.example.cards.bench;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The job's writes on a database, without the job: what the stage and issue steps ask of
 * the database, on any JDBC URL whose driver is on the class path (H2 and PostgreSQL;
 * SQLite and HSQLDB for the comparison in docs/performance.md, their drivers added by
 * hand). PostgreSQL is written with batched inserts, not the job's COPY. It answers one
 * question the whole job cannot: how much of the time is the engine's, for these tables
 * and keys, and whether another engine does better.
 *
 * <ul>
 * <li>stage: N wide request rows (the columns of {@code issuance_request}), its unique
 * line key and its two secondary indexes, on 2 threads, a commit per 500 rows;</li>
 * <li>issue: per request one application (its key and two unique keys), one card (a
 * random 32-byte unique key, as {@code pan_hash}, and a unique (application, role) key),
 * a mobile card for one request in four, and one outcome row; 2 threads, a commit per 500
 * requests;</li>
 * <li>the yardstick's table: N rows into {@code minimal_card} as MinimalIssueJob writes
 * it, 1 thread, a commit per 1,000.</li>
 * </ul>
 * Nothing is read back and nothing is encrypted: the values are synthetic and of the real
 * widths. {@code --sequential-card-key} gives the cards consecutive keys instead of
 * random ones, to measure what the random key costs; {@code --without NAME,...} leaves
 * out some of the {@link #KEYS}, to measure what each costs.
 *
 * <pre>
 * java -cp CLASSPATH com.example.cards.bench.WritePattern JDBC_URL N [--sequential-card-key] [--without NAME,...]
 * </pre>
 */
public final class WritePattern {

    static final int CHUNK = 500;

    static final int YARDSTICK_CHUNK = 1_000;

    static final int THREADS = 2;

    /**
     * The keys beside each table's primary key, by name, as the application's H2
     * migrations define them (as unique indexes here, so that each can be left out; on
     * PostgreSQL the application has no request-id index and a partial rerun index).
     */
    static final Map<String, String> KEYS = keys();

    private final String url;

    private final int requests;

    private final boolean sequentialCardKey;

    private final Set<String> without;

    WritePattern(String url, int requests, boolean sequentialCardKey, Set<String> without) {
        if (!KEYS.keySet().containsAll(without)) {
            throw new IllegalArgumentException("--without takes names of " + KEYS.keySet() + ", not " + without);
        }
        this.url = url;
        this.requests = requests;
        this.sequentialCardKey = sequentialCardKey;
        this.without = Set.copyOf(without);
    }

    public static void main(String[] args) throws Exception {
        List<String> options = List.of(args).subList(Math.min(2, args.length), args.length);
        int withoutAt = options.indexOf("--without");
        if (args.length < 2 || (withoutAt >= 0 && withoutAt == options.size() - 1)) {
            System.err.println("usage: WritePattern JDBC_URL N [--sequential-card-key] [--without NAME,...]");
            System.exit(2);
        }
        Set<String> without = (withoutAt < 0) ? Set.of() : Set.of(options.get(withoutAt + 1).split(","));
        WritePattern pattern = new WritePattern(args[0], Integer.parseInt(args[1]),
                options.contains("--sequential-card-key"), without);
        Map<String, Double> seconds = pattern.run();
        double job = seconds.get("stage") + seconds.get("issue");
        System.out.printf(Locale.ROOT,
                "WRITES %s N=%d%s%s: stage %.1f s, issue %.1f s, yardstick's table %.1f s; "
                        + "ratio (yardstick's table / stage + issue) %.2f%n",
                pattern.engine(), pattern.requests, pattern.sequentialCardKey ? " (sequential card key)" : "",
                pattern.without.isEmpty() ? "" : " without " + new TreeSet<>(pattern.without), seconds.get("stage"),
                seconds.get("issue"), seconds.get("yardstick"), seconds.get("yardstick") / job);
        System.out.println("rows " + pattern.counts());
    }

    private static Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("uq_request_line", "CREATE UNIQUE INDEX %s ON issuance_request (batch_id, line_no)");
        keys.put("ix_request_request_id", "CREATE INDEX %s ON issuance_request (batch_id, request_id, line_no)");
        keys.put("ix_request_rerun", "CREATE INDEX %s ON issuance_request (batch_id, rerun_no, line_no)");
        keys.put("uq_application_request", "CREATE UNIQUE INDEX %s ON card_application (request_pk)");
        keys.put("uq_application_batch_request", "CREATE UNIQUE INDEX %s ON card_application (batch_id, request_id)");
        keys.put("uq_card_role", "CREATE UNIQUE INDEX %s ON card (card_apply_no, card_role)");
        return Collections.unmodifiableMap(keys);
    }

    /** Creates the tables, runs the three phases; their seconds by name. */
    Map<String, Double> run() throws Exception {
        try (Connection c = open(); Statement s = c.createStatement()) {
            for (String ddl : schema()) {
                s.execute(ddl);
            }
            c.commit();
        }
        Map<String, Double> seconds = new LinkedHashMap<>();
        long start = System.nanoTime();
        inParallel(this::stage);
        long staged = System.nanoTime();
        inParallel(this::issue);
        long issued = System.nanoTime();
        yardstick();
        long end = System.nanoTime();
        seconds.put("stage", (staged - start) / 1e9);
        seconds.put("issue", (issued - staged) / 1e9);
        seconds.put("yardstick", (end - issued) / 1e9);
        return seconds;
    }

    /** Rows per table after a run. */
    Map<String, Long> counts() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = open(); Statement s = c.createStatement()) {
            for (String table : List.of("issuance_request", "card_application", "card", "request_outcome",
                    "minimal_card")) {
                try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    r.next();
                    counts.put(table, r.getLong(1));
                }
            }
        }
        return counts;
    }

    String engine() {
        return this.url.split(":")[1];
    }

    Connection open() throws SQLException {
        // PostgreSQL takes its user from the URL (?user=...); the embedded engines are sa
        Connection c = this.url.contains("user=") ? DriverManager.getConnection(this.url)
                : DriverManager.getConnection(this.url, "sa", "");
        c.setAutoCommit(false);
        return c;
    }

    private List<String> schema() {
        String binary = switch (engine()) {
            case "sqlite" -> "BLOB";
            case "postgresql" -> "BYTEA";
            default -> "VARBINARY(32)";
        };
        String identity = engine().equals("sqlite") ? "INTEGER PRIMARY KEY"
                : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
        List<String> ddl = new ArrayList<>(List.of("""
                CREATE TABLE issuance_request (id %s, batch_id VARCHAR(60) NOT NULL, line_no BIGINT NOT NULL,
                  request_id VARCHAR(300), user_id VARCHAR(300), user_id_num DECIMAL(19,0), user_name VARCHAR(300),
                  eng_name VARCHAR(300), social_no_enc VARCHAR(200), social_no_key_id VARCHAR(32),
                  mobile_number VARCHAR(300), exist_ocr_file VARCHAR(300), bank_code VARCHAR(300),
                  account_no VARCHAR(300), service_id VARCHAR(300), issue_type VARCHAR(300),
                  with_cash_ic VARCHAR(300), delivery_required VARCHAR(300), zip_code VARCHAR(300),
                  address VARCHAR(300), address_detail VARCHAR(300), status VARCHAR(10) NOT NULL,
                  created_at TIMESTAMP NOT NULL, claim_run_date DATE, rerun_no INT)""".formatted(identity), """
                CREATE TABLE card_application (card_apply_no VARCHAR(22) NOT NULL PRIMARY KEY,
                  request_pk BIGINT NOT NULL, batch_id VARCHAR(40) NOT NULL, request_id VARCHAR(40) NOT NULL,
                  user_id DECIMAL(19,0) NOT NULL, service_id VARCHAR(15) NOT NULL,
                  mobile_service_id VARCHAR(15), issue_type VARCHAR(10) NOT NULL,
                  with_cash_ic VARCHAR(1) NOT NULL, delivery_required VARCHAR(1) NOT NULL,
                  delivery_class VARCHAR(12) NOT NULL, expiry_date VARCHAR(8) NOT NULL,
                  physical_card_masked VARCHAR(19) NOT NULL, mobile_card_masked VARCHAR(19),
                  recipient_name VARCHAR(100) NOT NULL, recipient_mobile VARCHAR(13) NOT NULL,
                  zip_code VARCHAR(5), address VARCHAR(255), address_detail VARCHAR(255),
                  correlation_id VARCHAR(20) NOT NULL, created_at TIMESTAMP NOT NULL,
                  line_no BIGINT NOT NULL)""", """
                CREATE TABLE card (pan_hash %s NOT NULL PRIMARY KEY, card_apply_no VARCHAR(22) NOT NULL,
                  card_role VARCHAR(8) NOT NULL, service_id VARCHAR(15) NOT NULL,
                  pan_enc VARCHAR(100) NOT NULL, pan_key_id VARCHAR(32) NOT NULL,
                  expiry_date VARCHAR(8) NOT NULL)""".formatted(binary), """
                CREATE TABLE request_outcome (request_pk BIGINT NOT NULL PRIMARY KEY,
                  status VARCHAR(10) NOT NULL, result_code VARCHAR(7), result_message VARCHAR(400),
                  correlation_id VARCHAR(20), processed_at TIMESTAMP NOT NULL)""", """
                CREATE TABLE minimal_card (line_no BIGINT PRIMARY KEY, request_id VARCHAR(300) NOT NULL,
                  sealed_number VARCHAR(100) NOT NULL, masked_number VARCHAR(19) NOT NULL)"""));
        KEYS.forEach((name, definition) -> {
            if (!this.without.contains(name)) {
                ddl.add(definition.formatted(name));
            }
        });
        if (engine().equals("h2")) {
            // as the application's migration V2_14_7 does
            ddl.add("ALTER TABLE issuance_request ALTER COLUMN id SET CACHE 100000");
        }
        return ddl;
    }

    private interface Part {

        void run(int from, int to) throws Exception;

    }

    /** Runs {@code part} on {@link #THREADS} threads, each over its own range of rows. */
    private void inParallel(Part part) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            int share = this.requests / THREADS;
            for (int t = 0; t < THREADS; t++) {
                int from = t * share;
                int to = (t == THREADS - 1) ? this.requests : from + share;
                futures.add(pool.submit(() -> {
                    part.run(from, to);
                    return null;
                }));
            }
            for (Future<Object> future : futures) {
                try {
                    future.get();
                }
                catch (ExecutionException e) {
                    throw (e.getCause() instanceof Exception cause) ? cause : e;
                }
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    private void stage(int from, int to) throws SQLException {
        Timestamp now = new Timestamp(System.currentTimeMillis());
        try (Connection c = open(); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO issuance_request (batch_id, line_no, request_id, user_id, user_id_num, user_name,
                  eng_name, social_no_enc, social_no_key_id, mobile_number, exist_ocr_file, bank_code, account_no,
                  service_id, issue_type, with_cash_ic, delivery_required, zip_code, address, address_detail, status,
                  created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            int pending = 0;
            for (int i = from; i < to; i++) {
                Object[] values = { "bench-batch", i + 2L, requestId(i), Integer.toString(100_000 + i),
                        BigDecimal.valueOf(100_000 + i), "Name " + filler(i, 8), "ENG NAME " + filler(i, 10),
                        filler(i, 60), "k0000000000000000000000000000001", mobile(i), "N", "088",
                        String.format(Locale.ROOT, "%012d", i), "SVC0001", "PHYSICAL", "N", "Y", "04524", address(i),
                        "Apt " + (i % 1000), "PENDING", now };
                bind(insert, values);
                insert.addBatch();
                pending = countAndMaybeCommit(c, pending, CHUNK, insert);
            }
            flush(c, pending, insert);
        }
    }

    private void issue(int from, int to) throws SQLException, NoSuchAlgorithmException {
        Timestamp now = new Timestamp(System.currentTimeMillis());
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        try (Connection c = open();
                PreparedStatement application = c.prepareStatement(
                        """
                                INSERT INTO card_application (card_apply_no, request_pk, batch_id, request_id, user_id, service_id,
                                  mobile_service_id, issue_type, with_cash_ic, delivery_required, delivery_class, expiry_date,
                                  physical_card_masked, mobile_card_masked, recipient_name, recipient_mobile, zip_code, address,
                                  address_detail, correlation_id, created_at, line_no)
                                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
                PreparedStatement card = c.prepareStatement("""
                        INSERT INTO card (pan_hash, card_apply_no, card_role, service_id, pan_enc, pan_key_id,
                          expiry_date) VALUES (?, ?, ?, ?, ?, ?, ?)""");
                PreparedStatement outcome = c.prepareStatement("""
                        INSERT INTO request_outcome (request_pk, status, result_code, result_message, correlation_id,
                          processed_at) VALUES (?, ?, ?, ?, ?, ?)""")) {
            int pending = 0;
            for (int i = from; i < to; i++) {
                String applyNo = String.format(Locale.ROOT, "20261201%014d", i);
                boolean mobile = i % 4 == 0;
                String last4 = String.format(Locale.ROOT, "%04d", i % 10_000);
                bind(application, applyNo, i + 1L, "bench-batch", requestId(i), BigDecimal.valueOf(100_000 + i),
                        "SVC0001", mobile ? "SVC0002" : null, "PHYSICAL", "N", "Y", "STANDARD", "20311231",
                        "990000******" + last4, mobile ? "990001******" + last4 : null, "Name " + filler(i, 8),
                        mobile(i), "04524", address(i), "Apt " + (i % 1000), String.format(Locale.ROOT, "%020d", i),
                        now, i + 2L);
                application.addBatch();
                for (int role = 0; role < (mobile ? 2 : 1); role++) {
                    bind(card, cardKey(sha256, 2L * i + role), applyNo, role == 0 ? "PHYSICAL" : "MOBILE",
                            role == 0 ? "SVC0001" : "SVC0002", filler(i + role, 60), "k0000000000000000000000000000001",
                            "20311231");
                    card.addBatch();
                }
                bind(outcome, i + 1L, "ISSUED", "000_000", "OK", String.format(Locale.ROOT, "%020d", i), now);
                outcome.addBatch();
                pending = countAndMaybeCommit(c, pending, CHUNK, application, card, outcome);
            }
            flush(c, pending, application, card, outcome);
        }
    }

    private void yardstick() throws SQLException {
        try (Connection c = open();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO minimal_card (line_no, request_id, sealed_number, masked_number) VALUES (?, ?, ?, ?)")) {
            int pending = 0;
            for (int i = 0; i < this.requests; i++) {
                bind(insert, i + 2L, requestId(i), filler(i, 60), "990000******" + (1000 + i % 9000));
                insert.addBatch();
                pending = countAndMaybeCommit(c, pending, YARDSTICK_CHUNK, insert);
            }
            flush(c, pending, insert);
        }
    }

    /**
     * A card's key: SHA-256 of its number, random as {@code pan_hash} is, or consecutive.
     */
    private byte[] cardKey(MessageDigest sha256, long card) {
        byte[] counter = ByteBuffer.allocate(Long.BYTES).putLong(card).array();
        if (this.sequentialCardKey) {
            return ByteBuffer.allocate(32).put(counter).array();
        }
        sha256.reset();
        return sha256.digest(counter);
    }

    /**
     * Counts one more row batched into {@code statements}; at {@code chunk} rows, sends
     * the batches and commits. The rows now pending.
     */
    private static int countAndMaybeCommit(Connection c, int pending, int chunk, PreparedStatement... statements)
            throws SQLException {
        if (pending + 1 < chunk) {
            return pending + 1;
        }
        flush(c, chunk, statements);
        return 0;
    }

    /**
     * Sends what is batched, if anything (HSQLDB refuses an empty batch), and commits.
     */
    private static void flush(Connection c, int pending, PreparedStatement... statements) throws SQLException {
        if (pending > 0) {
            for (PreparedStatement statement : statements) {
                statement.executeBatch();
            }
        }
        c.commit();
    }

    private static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
    }

    private static String requestId(int i) {
        return String.format(Locale.ROOT, "REQ%09d", i);
    }

    private static String mobile(int i) {
        return String.format(Locale.ROOT, "010%08d", i % 100_000_000);
    }

    private static String address(int i) {
        return "Seoul Jung-gu Sejong-daero " + (i % 500);
    }

    /** {@code length} characters that differ from row to row. */
    private static String filler(int i, int length) {
        StringBuilder text = new StringBuilder(length + 8);
        while (text.length() < length) {
            text.append(Integer.toString(i * 31 + text.length(), 36));
        }
        return text.substring(0, length);
    }

}
