package com.example.cards.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;

/** Counts a batch's requests by status and code, and writes the run summary as JSON (UTF-8). */
public final class RunSummaryWriter {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final JdbcTemplate jdbc;

    public RunSummaryWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts per status and per result code of one batch. */
    public Counts count(String batchId) {
        Map<String, Long> byStatus = new TreeMap<>();
        Map<String, Long> byCode = new TreeMap<>();
        jdbc.query("""
                SELECT status, result_code, COUNT(*) FROM issuance_request
                 WHERE batch_id = ? GROUP BY status, result_code""", rs -> {
            long n = rs.getLong(3);
            byStatus.merge(rs.getString(1), n, Long::sum);
            String code = rs.getString(2);
            if (code != null) {
                byCode.merge(code, n, Long::sum);
            }
        }, batchId);
        return new Counts(byStatus, byCode);
    }

    public record Counts(Map<String, Long> byStatus, Map<String, Long> byCode) {
        public long total() {
            return byStatus.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public void write(RunSummary summary, Path target) {
        Path temporary = target.resolveSibling(target.getFileName() + ".part");
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.write(temporary, JSON.writeValueAsBytes(summary));
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + target, ex);
        }
    }
}
