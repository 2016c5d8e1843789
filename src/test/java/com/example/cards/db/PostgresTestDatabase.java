package com.example.cards.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The PostgreSQL server the integration tests run against:
 * {@code ISSUANCE_TEST_POSTGRES_URL} (for example
 * {@code jdbc:postgresql://127.0.0.1:5432/test}), with
 * {@code ISSUANCE_TEST_POSTGRES_USER} (default {@code postgres}) and
 * {@code ISSUANCE_TEST_POSTGRES_PASSWORD} (default empty). The first test that needs it
 * creates a database of its own, {@code issuance_it_<random>}, through that admin
 * connection; it is dropped when the test JVM ends.
 */
public final class PostgresTestDatabase {

    public static final String URL_VARIABLE = "ISSUANCE_TEST_POSTGRES_URL";

    public static final String REQUIRED_VARIABLE = "ISSUANCE_TEST_POSTGRES_REQUIRED";

    private static PostgresTestDatabase instance;

    private final String url;

    private final String user;

    private final String password;

    private final String name;

    private PostgresTestDatabase(String url, String user, String password, String name) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.name = name;
    }

    static String adminUrl() {
        return System.getenv(URL_VARIABLE);
    }

    static String adminUser() {
        String user = System.getenv("ISSUANCE_TEST_POSTGRES_USER");
        return user == null || user.isBlank() ? "postgres" : user;
    }

    static String adminPassword() {
        String password = System.getenv("ISSUANCE_TEST_POSTGRES_PASSWORD");
        return password == null ? "" : password;
    }

    static boolean required() {
        return "true".equalsIgnoreCase(System.getenv(REQUIRED_VARIABLE));
    }

    static Connection admin() throws SQLException {
        return DriverManager.getConnection(adminUrl(), adminUser(), adminPassword());
    }

    /** The test database, created on first use. */
    public static synchronized PostgresTestDatabase get() {
        if (instance == null) {
            String name = "issuance_it_"
                    + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
            try (Connection admin = admin(); Statement statement = admin.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            }
            catch (SQLException ex) {
                throw new IllegalStateException(
                        "cannot create the test database on " + adminUrl() + ": " + ex.getMessage(), ex);
            }
            String base = adminUrl();
            int query = base.indexOf('?');
            String params = query < 0 ? "" : base.substring(query);
            String withoutParams = query < 0 ? base : base.substring(0, query);
            String url = withoutParams.substring(0, withoutParams.lastIndexOf('/') + 1) + name + params;
            instance = new PostgresTestDatabase(url, adminUser(), adminPassword(), name);
            Runtime.getRuntime().addShutdownHook(new Thread(instance::drop, "drop-" + name));
        }
        return instance;
    }

    private void drop() {
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
        catch (SQLException ex) {
            System.err.println("Could not drop the test database " + name + ": " + ex.getMessage());
        }
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String name() {
        return name;
    }

    /** Points the application context at the test database, with the test keystore. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> get().url());
        registry.add("spring.datasource.username", () -> get().user());
        registry.add("spring.datasource.password", () -> get().password());
        registry.add("issuance.crypto.keystore-path", () -> "target/test-keystore.p12");
        registry.add("issuance.crypto.create-keystore-if-missing", () -> "true");
    }

}
