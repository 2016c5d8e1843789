package com.example.cards.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import com.example.cards.crypto.OwnerOnlyFiles;
import com.example.cards.request.RequestOutcomes;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

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

    /**
     * Counts per status and per result code of the rows in {@code scope}, by a query of
     * their own (for an export that writes no results file, which would count them as it
     * goes: {@link ResultFileWriter}).
     */
    public Counts count(ClaimScope scope) {
        Tally tally = new Tally();
        jdbc.query(
                scope.sql("""
                        SELECT %s, o.result_code, COUNT(*) FROM issuance_request r
                          %s
                         WHERE r.batch_id = ?%%s GROUP BY o.status, o.result_code""".formatted(RequestOutcomes.STATUS,
                        RequestOutcomes.join("r")), "r"),
                (RowCallbackHandler) rs -> tally.add(rs.getString(1), rs.getString(2), rs.getLong(3)),
                scope.arguments());
        return tally.counts();
    }

    public record Counts(Map<String, Long> byStatus, Map<String, Long> byCode) {
        public long total() {
            return byStatus.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Counts added up as rows are read, on one thread. */
    public static final class Tally {

        private final Map<String, Long> byStatus = new TreeMap<>();

        private final Map<String, Long> byCode = new TreeMap<>();

        /** {@code n} rows of a status and a result code (null: none). */
        public void add(String status, String code, long n) {
            byStatus.merge(status, n, Long::sum);
            if (code != null) {
                byCode.merge(code, n, Long::sum);
            }
        }

        public Counts counts() {
            return new Counts(byStatus, byCode);
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
