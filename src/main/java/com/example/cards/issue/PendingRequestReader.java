package com.example.cards.issue;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import com.example.cards.crypto.Sealed;
import com.example.cards.reference.Member;
import com.example.cards.request.RequestFields;
import com.example.cards.request.RequestStatus;

import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the PENDING requests of one line-number range, a page at a time by key
 * (process-indicator pattern): rows that a committed chunk has issued or rejected are no
 * longer PENDING, so a restart simply reads what is left. The member and the duplicate
 * check come in the same query, so there is no query per request.
 *
 * <p>
 * The page walks the unique index {@code (batch_id, line_no)} in order and stops after a
 * page: the ORDER BY names both of its columns, which is what H2 needs to walk an index
 * instead of reading, joining and sorting the whole range for every page (that made the
 * issue step quadratic once). The status is a filter, not an index column, so the
 * writer's status update touches no index (on PostgreSQL it can be a heap-only update).
 */
public class PendingRequestReader implements ItemReader<PendingRequest> {

    // %s is the status, written in once here; %%d the page size, formatted in by each
    // reader.
    static final String PAGE_SQL = """
            SELECT r.id, r.line_no, r.request_id, r.user_id, r.user_name, r.eng_name, r.social_no_enc,
                   r.social_no_key_id, r.mobile_number, r.exist_ocr_file, r.bank_code, r.account_no, r.service_id,
                   r.issue_type, r.with_cash_ic, r.delivery_required, r.zip_code, r.address, r.address_detail,
                   m.user_name AS member_name, m.status AS member_status, m.rrn_hash, m.mobile_wallet,
                   (SELECT MIN(d.line_no) FROM issuance_request d
                     WHERE d.batch_id = r.batch_id AND d.request_id = r.request_id) AS first_line
              FROM issuance_request r
              LEFT JOIN wallet_member m ON m.user_id = r.user_id_num
             WHERE r.batch_id = ? AND r.line_no > ? AND r.line_no <= ? AND r.status = %s
             ORDER BY r.batch_id, r.line_no
             FETCH FIRST %%d ROWS ONLY
            """.formatted(RequestStatus.PENDING.literal());

    /**
     * A staging run reads only the rows claimed for its run date. A staging batch can
     * span several runs, so the owner of a request id is the row of the earliest claim
     * (an earlier run's row reads as line -1), then the lowest line within the claim;
     * rows not claimed yet do not count.
     */
    static final String CLAIMED_PAGE_SQL = """
            SELECT r.id, r.line_no, r.request_id, r.user_id, r.user_name, r.eng_name, r.social_no_enc,
                   r.social_no_key_id, r.mobile_number, r.exist_ocr_file, r.bank_code, r.account_no, r.service_id,
                   r.issue_type, r.with_cash_ic, r.delivery_required, r.zip_code, r.address, r.address_detail,
                   m.user_name AS member_name, m.status AS member_status, m.rrn_hash, m.mobile_wallet,
                   (SELECT MIN(CASE WHEN d.claim_run_date < r.claim_run_date THEN -1 ELSE d.line_no END)
                      FROM issuance_request d
                     WHERE d.batch_id = r.batch_id AND d.request_id = r.request_id
                       AND d.claim_run_date <= r.claim_run_date) AS first_line
              FROM issuance_request r
              LEFT JOIN wallet_member m ON m.user_id = r.user_id_num
             WHERE r.batch_id = ? AND r.line_no > ? AND r.line_no <= ? AND r.status = %s AND r.claim_run_date = ?
             ORDER BY r.batch_id, r.line_no
             FETCH FIRST %%d ROWS ONLY
            """.formatted(RequestStatus.PENDING.literal());

    private final JdbcTemplate jdbc;

    private final String batchId;

    private final long maxLine;

    private final String sql;

    private final Object[] claim;

    private final Deque<PendingRequest> page = new ArrayDeque<>();

    private long lastLine;

    private boolean exhausted;

    /** Reads line numbers in [{@code minLine}, {@code maxLine}]. */
    public PendingRequestReader(JdbcTemplate jdbc, String batchId, long minLine, long maxLine, int pageSize) {
        this(jdbc, batchId, minLine, maxLine, pageSize, null);
    }

    /**
     * As above; with a {@code claimRunDate} (a staging run), only the rows claimed for
     * that run date.
     */
    public PendingRequestReader(JdbcTemplate jdbc, String batchId, long minLine, long maxLine, int pageSize,
            LocalDate claimRunDate) {
        this.jdbc = jdbc;
        this.batchId = batchId;
        this.lastLine = minLine - 1;
        this.maxLine = maxLine;
        this.sql = (claimRunDate == null ? PAGE_SQL : CLAIMED_PAGE_SQL).formatted(pageSize);
        this.claim = claimRunDate == null ? new Object[0] : new Object[] { Date.valueOf(claimRunDate) };
    }

    @Override
    public PendingRequest read() {
        if (page.isEmpty() && !exhausted) {
            // fill the page only once the whole query succeeded, so a retried read never
            // sees half a page twice
            List<PendingRequest> fetched = jdbc.query(sql, (rs, i) -> map(rs), arguments());
            page.addAll(fetched);
            if (page.isEmpty()) {
                exhausted = true;
            }
            else {
                lastLine = page.peekLast().lineNo();
            }
        }
        return page.poll();
    }

    private Object[] arguments() {
        Object[] arguments = new Object[3 + claim.length];
        arguments[0] = batchId;
        arguments[1] = lastLine;
        arguments[2] = maxLine;
        System.arraycopy(claim, 0, arguments, 3, claim.length);
        return arguments;
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
