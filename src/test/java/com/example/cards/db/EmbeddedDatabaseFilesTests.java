package com.example.cards.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded database's file is compacted when the application closes, if it is mostly
 * free space, and left alone otherwise.
 */
class EmbeddedDatabaseFilesTests {

    @TempDir
    Path dir;

    @Test
    void aFileOfMostlyReplacedPagesIsCompactedAndKeepsItsDataAndItsOwnerOnlyMode() throws Exception {
        Path path = dir.resolve("db");
        String url = url(path);
        try (Connection open = withTable(url, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(200))")) {
            // every commit rewrites the pages it changed: most of the file ends up dead
            try (PreparedStatement merge = open.prepareStatement("MERGE INTO t KEY (id) VALUES (?, ?)")) {
                for (int round = 0; round < 200; round++) {
                    for (int id = 0; id < 500; id++) {
                        merge.setInt(1, id);
                        merge.setString(2, ("round " + round + " ").repeat(10));
                        merge.addBatch();
                    }
                    merge.executeBatch();
                }
            }
            long before = Files.size(mvFile(path));

            EmbeddedDatabaseFiles.compact(url, "sa", "", path);

            assertThat(Files.size(mvFile(path))).isLessThan(before / 4);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(mvFile(path))))
                .isEqualTo("rw-------");
            assertThat(open.isValid(1)).as("the database was shut down").isFalse();
        }
        try (Connection reopened = DriverManager.getConnection(url, "sa", "");
                ResultSet rows = reopened.createStatement().executeQuery("SELECT COUNT(*), MIN(v) FROM t")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(500);
            assertThat(rows.getString(2)).startsWith("round 199 ");
        }
    }

    @Test
    void aFileOfLiveDataIsLeftOpenAndAlone() throws Exception {
        Path path = dir.resolve("small");
        String url = url(path);
        try (Connection open = withTable(url, "CREATE TABLE t (id INT PRIMARY KEY)")) {
            open.createStatement().execute("INSERT INTO t SELECT X FROM SYSTEM_RANGE(1, 1000)");

            EmbeddedDatabaseFiles.compact(url, "sa", "", path);

            assertThat(open.isValid(1)).as("the database is still open").isTrue();
        }
    }

    private static String url(Path path) {
        return "jdbc:h2:file:" + path + ";WRITE_DELAY=0";
    }

    /** A connection to a new database holding one table. */
    private static Connection withTable(String url, String ddl) throws Exception {
        Connection connection = DriverManager.getConnection(url, "sa", "");
        try (Statement statement = connection.createStatement()) {
            statement.execute(ddl);
        }
        return connection;
    }

    private static Path mvFile(Path path) {
        return path.resolveSibling(path.getFileName() + ".mv.db");
    }

}
