package com.example.cards.stage;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import com.example.cards.crypto.FieldCipher;
import com.example.cards.crypto.Sealed;
import com.example.cards.request.RequestFields;
import com.example.cards.request.RequestStatus;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes requests into the staging table exactly as the staging-table contract in
 * docs/interfaces.md tells upstream systems to: status PENDING, the RRN sealed by
 * {@link FieldCipher} under a key id, a line number per batch, {@code created_at} set,
 * and every column the job owns left empty. For upstream systems written in Java, and for
 * tests.
 */
public final class StagingTableWriter {

    static final String INSERT = """
            INSERT INTO issuance_request (batch_id, line_no, request_id, user_id, user_name, eng_name, social_no_enc,
                social_no_key_id, mobile_number, exist_ocr_file, bank_code, account_no, service_id, issue_type,
                with_cash_ic, delivery_required, zip_code, address, address_detail, status, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, %s, ?)"""
        .formatted(RequestStatus.PENDING.literal());

    /**
     * One request of a batch: its line (sequence) number and the 16 request fields, RRN
     * in plaintext.
     */
    public record Row(long lineNo, RequestFields fields) {
    }

    private final JdbcTemplate jdbc;

    private final FieldCipher cipher;

    private final Clock clock;

    public StagingTableWriter(JdbcTemplate jdbc, FieldCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * Inserts the rows of one batch in one JDBC batch; commits with the caller's
     * transaction, if any.
     */
    public void write(String batchId, List<Row> rows) {
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(clock));
        List<Object[]> values = new ArrayList<>(rows.size());
        for (Row row : rows) {
            RequestFields f = row.fields();
            Sealed rrn = cipher.seal(f.socialNo());
            values.add(new Object[] { batchId, row.lineNo(), f.requestId(), f.userId(), f.userName(), f.engName(),
                    rrn == null ? null : rrn.ciphertext(), rrn == null ? null : rrn.keyId(), f.mobileNumber(),
                    f.existOcrFile(), f.bankCode(), f.accountNo(), f.serviceId(), f.issueType(), f.withCashIc(),
                    f.isDeliveryRequired(), f.zipCode(), f.address(), f.addressDetail(), now });
        }
        jdbc.batchUpdate(INSERT, values);
    }

    /**
     * Parses a request line in the CSV column order of docs/interfaces.md (no quoting),
     * for tests and tools.
     */
    public static Row row(long lineNo, String csvLine) {
        String[] parts = csvLine.split(",", -1);
        List<String> values = new ArrayList<>(List.of(parts));
        while (values.size() < RequestFields.COLUMNS.size()) {
            values.add("");
        }
        values.replaceAll(v -> v.isEmpty() ? null : v);
        return new Row(lineNo, RequestFields.of(values));
    }

}
