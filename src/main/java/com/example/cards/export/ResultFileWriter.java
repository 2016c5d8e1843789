package com.example.cards.export;

import java.nio.charset.Charset;
import java.nio.file.Path;

import com.example.cards.crypto.Masking;
import com.example.cards.request.RequestOutcomes;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The result file: one row for every input record, in input order, with masked card
 * numbers only.
 */
public final class ResultFileWriter {

    public static final String[] HEADER = { "lineNo", "requestId", "userId", "correlationId", "status", "code",
            "message", "cardApplyNo", "physicalCardNo", "mobileCardNo", "expiryDate" };

    // Ordered by the columns of uq_request_line, batch_id first (fixed by the WHERE
    // clause, so the order is the same):
    // H2 then walks that index instead of sorting the whole batch.
    private static final String SQL = """
            SELECT r.line_no, r.request_id, r.user_id, o.correlation_id, %s, o.result_code,
                   o.result_message, a.card_apply_no, a.physical_card_masked, a.mobile_card_masked, a.expiry_date
              FROM issuance_request r
              %s
              LEFT JOIN card_application a ON a.request_pk = r.id
             WHERE r.batch_id = ?%%s
             ORDER BY r.batch_id, r.line_no
            """.formatted(RequestOutcomes.STATUS, RequestOutcomes.join("r"));

    private final JdbcTemplate jdbc;

    private final boolean groupReadable;

    public ResultFileWriter(JdbcTemplate jdbc, boolean groupReadable) {
        this.jdbc = jdbc;
        this.groupReadable = groupReadable;
    }

    /**
     * Writes the results file of the rows in {@code scope}, and adds each row's status
     * and result code to {@code counts} (the summary's counts, without a query of their
     * own); a restarted write starts from a new tally.
     */
    public OutputFile write(ClaimScope scope, Path target, Charset charset, boolean bom,
            RunSummaryWriter.Tally counts) {
        try (CsvOutput out = new CsvOutput("results", target, charset, bom, groupReadable)) {
            out.header(HEADER);
            jdbc.query(scope.sql(SQL, "r"), rs -> {
                counts.add(rs.getString(5), rs.getString(6), 1);
                // Rows an upstream system wrote to the staging table were never masked at
                // staging: an RRN typed into the request id or user id is masked here.
                out.record(rs.getString(1), Masking.maskRrns(rs.getString(2), false),
                        Masking.maskRrns(rs.getString(3), true), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11));
            }, scope.arguments());
            return out.commit();
        }
    }

}
