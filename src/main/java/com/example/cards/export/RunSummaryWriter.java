package com.example.cards.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import com.example.cards.crypto.OwnerOnlyFiles;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Counts a batch's requests by status and code, and writes the run summary as JSON
 * (UTF-8).
 */
public final class RunSummaryWriter {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final JdbcTemplate jdbc;

    private final boolean groupReadable;

    public RunSummaryWriter(JdbcTemplate jdbc, boolean groupReadable) {
        this.jdbc = jdbc;
        this.groupReadable = groupReadable;
    }

    /** Counts per status and per result code of the rows in {@code scope}. */
    public Counts count(ClaimScope scope) {
        Map<String, Long> byStatus = new TreeMap<>();
        Map<String, Long> byCode = new TreeMap<>();
        jdbc.query(scope.sql("""
                SELECT r.status, r.result_code, COUNT(*) FROM issuance_request r
                 WHERE r.batch_id = ?%s GROUP BY r.status, r.result_code""", "r"), rs -> {
            long n = rs.getLong(3);
            byStatus.merge(rs.getString(1), n, Long::sum);
            String code = rs.getString(2);
            if (code != null) {
                byCode.merge(code, n, Long::sum);
            }
        }, scope.arguments());
        return new Counts(byStatus, byCode);
    }

    public record Counts(Map<String, Long> byStatus, Map<String, Long> byCode) {
        public long total() {
            return byStatus.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Writes a summary record ({@link RunSummary}, or a rerun's or a preview's) as
     * indented JSON.
     */
    public void write(Record summary, Path target) {
        Path temporary = target.resolveSibling(target.getFileName() + ".part");
        try {
            OwnerOnlyFiles.createDirectories(target.toAbsolutePath().getParent());
            OwnerOnlyFiles.writeNew(temporary, JSON.writeValueAsBytes(summary), groupReadable);
            OwnerOnlyFiles.moveIntoPlace(temporary, target);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + target, ex);
        }
    }

}
