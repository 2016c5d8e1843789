package com.example.cards.issuance;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;

import com.example.cards.crypto.Sealed;
import com.example.cards.request.RequestFields;

import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the PENDING requests of one id range, a page at a time by key (process-indicator pattern): rows that a
 * committed chunk has issued or rejected are no longer PENDING, so a restart simply reads what is left. The member
 * and the duplicate check come in the same query, so there is no query per request.
 *
 * <p>The page is ordered by all three columns of {@code ix_request_pending (batch_id, status, id)}, not by {@code id}
 * alone: the first two are fixed by the WHERE clause, so the order is the same, but H2 only walks an index in order
 * (and stops after the page) when the ORDER BY names its leading columns. Ordered by {@code id} alone, H2 read, joined
 * and sorted every pending row of the range for each page: the issue step was quadratic in the batch size.
 */
public class PendingRequestReader implements ItemReader<PendingRequest> {

    static final String PAGE_SQL = """
            SELECT r.id, r.line_no, r.request_id, r.user_id, r.user_name, r.eng_name, r.social_no_enc,
                   r.social_no_key_id, r.mobile_number, r.exist_ocr_file, r.bank_code, r.account_no, r.service_id,
                   r.issue_type, r.with_cash_ic, r.delivery_required, r.zip_code, r.address, r.address_detail,
                   m.user_name AS member_name, m.status AS member_status, m.rrn_hash, m.mobile_wallet,
                   (SELECT MIN(d.line_no) FROM issuance_request d
                     WHERE d.batch_id = r.batch_id AND d.request_id = r.request_id) AS first_line
              FROM issuance_request r
              LEFT JOIN wallet_member m ON m.user_id = r.user_id_num
             WHERE r.batch_id = ? AND r.status = 'PENDING' AND r.id > ? AND r.id <= ?
             ORDER BY r.batch_id, r.status, r.id
             FETCH FIRST %d ROWS ONLY
            """;

    private final JdbcTemplate jdbc;
    private final String batchId;
    private final long maxId;
    private final String sql;
    private final Deque<PendingRequest> page = new ArrayDeque<>();
    private long lastId;
    private boolean exhausted;

    /** Reads ids in ({@code minId} - 1, {@code maxId}]. */
    public PendingRequestReader(JdbcTemplate jdbc, String batchId, long minId, long maxId, int pageSize) {
        this.jdbc = jdbc;
        this.batchId = batchId;
        this.lastId = minId - 1;
        this.maxId = maxId;
        this.sql = PAGE_SQL.formatted(pageSize);
    }

    @Override
    public PendingRequest read() {
        if (page.isEmpty() && !exhausted) {
            jdbc.query(sql, rs -> {
                page.add(map(rs));
            }, batchId, lastId, maxId);
            if (page.isEmpty()) {
                exhausted = true;
            }
            else {
                lastId = page.peekLast().id();
            }
        }
        return page.poll();
    }

    private static PendingRequest map(ResultSet rs) throws SQLException {
        long lineNo = rs.getLong("line_no");
        RequestFields fields = new RequestFields(rs.getString("request_id"), rs.getString("user_id"),
                rs.getString("user_name"), rs.getString("eng_name"), null, rs.getString("mobile_number"),
                rs.getString("exist_ocr_file"), rs.getString("bank_code"), rs.getString("account_no"),
                rs.getString("service_id"), rs.getString("issue_type"), rs.getString("with_cash_ic"),
                rs.getString("delivery_required"), rs.getString("zip_code"), rs.getString("address"),
                rs.getString("address_detail"));
        String enc = rs.getString("social_no_enc");
        Sealed socialNo = enc == null ? null : new Sealed(rs.getString("social_no_key_id"), enc);
        long firstLine = rs.getLong("first_line");
        boolean duplicate = !rs.wasNull() && firstLine < lineNo;
        String memberStatus = rs.getString("member_status");
        Member member = memberStatus == null ? null : new Member(rs.getString("member_name"), memberStatus,
                rs.getString("rrn_hash"), "Y".equals(rs.getString("mobile_wallet")));
        return new PendingRequest(rs.getLong("id"), lineNo, fields, socialNo, duplicate, member);
    }
}
