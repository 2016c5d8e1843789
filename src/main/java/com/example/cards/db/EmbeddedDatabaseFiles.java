package com.example.cards.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.example.cards.crypto.OwnerOnlyFiles;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Keeps the embedded H2 database's files owner-only, whatever the umask, and small: its
 * directory ({@code ./data} by default) is created 0700 before the first connection, the
 * database's files are made 0600 once the application has started, and when the
 * application closes, a file that is mostly free space is compacted before the pool
 * closes. Other databases are left alone. Registered by
 * {@link DatabaseFilesConfiguration}.
 * <p>
 * The compaction is H2's {@code SHUTDOWN COMPACT}, which rewrites the live pages into a
 * new file. The URL's {@code MAX_COMPACT_TIME} alone was not enough: H2's compaction when
 * the last connection closes only rewrites sparse chunks, and the chunks of a run are
 * nearly full but spread over the file, so the file shrank in some runs and kept all its
 * free space in others (200,000 requests: 252 MB or 1,600 MB).
 */
public class EmbeddedDatabaseFiles
        implements DestructionAwareBeanPostProcessor, ApplicationListener<ApplicationStartedEvent> {

    /**
     * Below this share of live data in the file, in percent ({@link #fillRate}), compact.
     */
    static final int COMPACT_BELOW_FILL_RATE = 50;

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseFiles.class);

    private final Environment environment;

    EmbeddedDatabaseFiles(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource) {
            databasePath().ifPresent(path -> {
                try {
                    OwnerOnlyFiles.createDirectories(path.getParent());
                }
                catch (IOException ex) {
                    throw new UncheckedIOException("cannot create the database directory " + path.getParent(), ex);
                }
            });
        }
        return bean;
    }

    @Override
    public boolean requiresDestruction(Object bean) {
        return bean instanceof DataSource;
    }

    /**
     * Right before the pool closes (every bean that used it is gone): compacts the
     * embedded database's file when it is mostly free space and no other process is
     * connected to it through this one ({@code AUTO_SERVER}); a failure is logged, never
     * thrown, since everything in the database was committed already.
     */
    @Override
    public void postProcessBeforeDestruction(Object bean, String beanName) {
        if (bean instanceof DataSource) {
            databasePath().ifPresent(path -> compact(environment.getProperty("spring.datasource.url"),
                    environment.getProperty("spring.datasource.username", "sa"),
                    environment.getProperty("spring.datasource.password", ""), path));
        }
    }

    /**
     * Compacts the H2 database at {@code url} (open in this JVM) when it is mostly free
     * space. The connection is the driver's own, not the pool's: {@code SHUTDOWN} closes
     * the database under every connection, and the pool would touch its closed connection
     * on taking it back.
     */
    static void compact(String url, String user, String password, Path path) {
        long started = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            int fillRate = fillRate(statement);
            if (fillRate >= COMPACT_BELOW_FILL_RATE) {
                return;
            }
            if (otherProcessesConnected(statement)) {
                log.info("The database file {} is {}% free space; not compacted while another process is connected",
                        path, 100 - fillRate);
                return;
            }
            long before = size(path);
            statement.execute("SHUTDOWN COMPACT");
            restrict(path);
            log.info("Compacted the database file {}: {} to {} in {} ms", path, readable(before), readable(size(path)),
                    (System.nanoTime() - started) / 1_000_000);
        }
        catch (SQLException | IOException | UncheckedIOException ex) {
            log.warn("Could not compact the database file {}: {}", path, ex.getMessage());
        }
    }

    /**
     * The share of the file that holds live data, in percent: the lower of H2's
     * {@code info.FILL_RATE} (live chunks against the file's size) and
     * {@code info.CHUNKS_FILL_RATE} (live pages against the chunks' size). At the end of
     * a run the first is still 100, since the chunks that old pages sit in are not freed
     * before the database closes; the second says how much of them is dead (14% live
     * after 200,000 requests).
     */
    private static int fillRate(Statement statement) throws SQLException {
        int fillRate = 100;
        try (ResultSet rs = statement.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
                + "WHERE SETTING_NAME IN ('info.FILL_RATE', 'info.CHUNKS_FILL_RATE')")) {
            while (rs.next()) {
                fillRate = Math.min(fillRate, Integer.parseInt(rs.getString(1).trim()));
            }
        }
        return fillRate;
    }

    private static boolean otherProcessesConnected(Statement statement) throws SQLException {
        try (ResultSet rs = statement
            .executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE SERVER IS NOT NULL")) {
            return rs.next() && rs.getLong(1) > 0;
        }
    }

    private static String readable(long bytes) {
        return bytes < (10L << 20) ? (bytes >> 10) + " KB" : (bytes >> 20) + " MB";
    }

    private static long size(Path path) throws IOException {
        Path file = path.resolveSibling(path.getFileName() + ".mv.db");
        return Files.exists(file) ? Files.size(file) : 0;
    }

    @Override
    public void onApplicationEvent(ApplicationStartedEvent event) {
        databasePath().ifPresent(EmbeddedDatabaseFiles::restrict);
    }

    /** Makes the files of the database at {@code path} (H2 adds suffixes) 0600. */
    static void restrict(Path path) {
        String prefix = path.getFileName().toString() + ".";
        try (Stream<Path> files = Files.list(path.getParent())) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().startsWith(prefix)) {
                    OwnerOnlyFiles.restrict(file);
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot restrict the database files in " + path.getParent(), ex);
        }
    }

    /** The file path of an embedded H2 database URL, or empty for any other database. */
    Optional<Path> databasePath() {
        return path(environment.getProperty("spring.datasource.url"));
    }

    static Optional<Path> path(String url) {
        if (url == null || !url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String rest = url.substring("jdbc:h2:".length());
        int semicolon = rest.indexOf(';');
        String name = semicolon < 0 ? rest : rest.substring(0, semicolon);
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mem:") || lower.startsWith("tcp:") || lower.startsWith("ssl:")
                || lower.startsWith("zip:")) {
            return Optional.empty();
        }
        if (lower.startsWith("file:")) {
            name = name.substring("file:".length());
        }
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return name.isBlank() ? Optional.empty() : Optional.of(Path.of(name).toAbsolutePath().normalize());
    }

}
