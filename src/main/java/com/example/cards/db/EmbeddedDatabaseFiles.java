package com.example.cards.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.example.cards.crypto.OwnerOnlyFiles;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Keeps the embedded H2 database's files owner-only, whatever the umask: its directory
 * ({@code ./data} by default) is created 0700 before the first connection, and the
 * database's files are made 0600 once the application has started. Other databases are
 * left alone. Registered by {@link DatabaseFilesConfiguration}.
 */
public class EmbeddedDatabaseFiles implements BeanPostProcessor, ApplicationListener<ApplicationStartedEvent> {

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
