package com.example.cards.export;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.example.cards.crypto.FieldCipher;
import com.example.cards.crypto.Masking;
import com.example.cards.crypto.Sealed;
import com.example.cards.request.RequestFields;
import com.example.cards.request.RequestStatus;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rejected records with their code and message, in input order. The request columns
 * keep their names, so the file can be corrected and submitted again (the extra columns
 * are ignored on input); the RRN is masked and must be entered again. A record too
 * malformed to have fields carries only its line number and the reason.
 */
public final class RejectionFileWriter {

    // Ordered by the columns of uq_request_line, batch_id first (fixed by the WHERE
    // clause, so the order is the same):
    // H2 then walks that index instead of sorting the whole batch.
    private static final String SQL = """
            SELECT r.line_no, o.result_code, o.result_message, o.correlation_id, r.request_id, r.user_id, r.user_name,
                   r.eng_name, r.social_no_enc, r.social_no_key_id, r.mobile_number, r.exist_ocr_file, r.bank_code,
                   r.account_no, r.service_id, r.issue_type, r.with_cash_ic, r.delivery_required, r.zip_code, r.address,
                   r.address_detail
              FROM issuance_request r
              JOIN request_outcome o ON o.request_pk = r.id
             WHERE r.batch_id = ? AND o.status = %s%%s
             ORDER BY r.batch_id, r.line_no
            """.formatted(RequestStatus.REJECTED.literal());

    private final JdbcTemplate jdbc;

    private final boolean groupReadable;

    private final FieldCipher cipher;

    public RejectionFileWriter(JdbcTemplate jdbc, FieldCipher cipher, boolean groupReadable) {
        this.jdbc = jdbc;
        this.groupReadable = groupReadable;
        this.cipher = cipher;
    }

    public static String[] header() {
        List<String> header = new ArrayList<>(List.of("lineNo", "code", "message", "correlationId"));
        header.addAll(RequestFields.COLUMNS);
        return header.toArray(String[]::new);
    }

    public OutputFile write(ClaimScope scope, Path target, Charset charset, boolean bom) {
        try (CsvOutput out = new CsvOutput("rejections", target, charset, bom, groupReadable)) {
            out.header(header());
            jdbc.query(scope.sql(SQL, "r"), rs -> {
                String enc = rs.getString("social_no_enc");
                String rrn = enc == null ? null
                        : Masking.rrn(cipher.open(new Sealed(rs.getString("social_no_key_id"), enc)));
                // Rows an upstream system wrote to the staging table were never masked at
                // staging: an RRN typed into another column is masked here.
                out.record(rs.getString("line_no"), rs.getString("result_code"), rs.getString("result_message"),
                        rs.getString("correlation_id"), text(rs.getString("request_id")),
                        Masking.maskRrns(rs.getString("user_id"), true), text(rs.getString("user_name")),
                        text(rs.getString("eng_name")), rrn, text(rs.getString("mobile_number")),
                        text(rs.getString("exist_ocr_file")), text(rs.getString("bank_code")),
                        Masking.maskRrns(rs.getString("account_no"), true), text(rs.getString("service_id")),
                        text(rs.getString("issue_type")), text(rs.getString("with_cash_ic")),
                        text(rs.getString("delivery_required")), text(rs.getString("zip_code")),
                        text(rs.getString("address")), text(rs.getString("address_detail")));
            }, scope.arguments());
            return out.commit();
        }
    }

    private static String text(String value) {
        return Masking.maskRrns(value, false);
    }

}
