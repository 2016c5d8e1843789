package com.example.cards.issue;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

import com.example.cards.crypto.Sealed;
import com.example.cards.db.PostgresCopy;
import com.example.cards.reference.Member;
import com.example.cards.request.RequestFields;
import com.example.cards.request.RequestOutcomes;

import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Reads the PENDING requests of one line-number range, a page at a time by key
 * (process-indicator pattern): a request that a committed chunk has issued or rejected
 * has its row in {@code request_outcome} and is no longer PENDING, so a restart simply
 * reads what is left. The member comes in the same query, so there is no query per
 * request; so does the duplicate check, or (PostgreSQL) it is done once for the whole
 * range before the first page.
 *
 * <p>
 * The page walks the unique index {@code (batch_id, line_no)} in order and stops after a
 * page: the ORDER BY names both of its columns, which is what H2 needs to walk an index
 * instead of reading, joining and sorting the whole range for every page (that made the
 * issue step quadratic once). Whether a row is still PENDING is one primary-key lookup in
 * the outcome table per row, or (PostgreSQL) a bit of the range's lines that had an
 * outcome when the reader started, read once before the first page; the writer never
 * updates the request row.
 */
public class PendingRequestReader implements ItemReader<PendingRequest> {

    // %1$s is the first_line column, %2$s the PENDING condition, %3$s the claim's, all
    // written in once here; %%d the page size, formatted in by each reader.
    private static final String PAGE = """
            SELECT r.id, r.line_no, r.request_id, r.user_id, r.user_name, r.eng_name, r.social_no_enc,
                   r.social_no_key_id, r.mobile_number, r.exist_ocr_file, r.bank_code, r.account_no, r.service_id,
                   r.issue_type, r.with_cash_ic, r.delivery_required, r.zip_code, r.address, r.address_detail,
                   m.user_name AS member_name, m.status AS member_status, m.rrn_hash, m.mobile_wallet,
                   %1$s AS first_line
              FROM issuance_request r
              LEFT JOIN wallet_member m ON m.user_id = r.user_id_num
             WHERE r.batch_id = ? AND r.line_no > ? AND r.line_no <= ?%2$s%3$s
             ORDER BY r.batch_id, r.line_no
             FETCH FIRST %%d ROWS ONLY
            """;

    /** The first line of the row's request id, looked up for each row. */
    private static final String FIRST_LINE = """
            (SELECT MIN(d.line_no) FROM issuance_request d
                     WHERE d.batch_id = r.batch_id AND d.request_id = r.request_id)""";

    /**
     * A staging run reads only the rows claimed for its run date. A staging batch can
     * span several runs, so the owner of a request id is the row of the earliest claim
     * (an earlier run's row reads as line -1), then the lowest line within the claim;
     * rows not claimed yet do not count.
     */
    private static final String CLAIMED_FIRST_LINE = """
            (SELECT MIN(CASE WHEN d.claim_run_date < r.claim_run_date THEN -1 ELSE d.line_no END)
                      FROM issuance_request d
                     WHERE d.batch_id = r.batch_id AND d.request_id = r.request_id
                       AND d.claim_run_date <= r.claim_run_date)""";

    private static final String CLAIM = " AND r.claim_run_date = ?";

    private static final String PENDING = " AND " + RequestOutcomes.pending("r");

    static final String PAGE_SQL = PAGE.formatted(FIRST_LINE, PENDING, "");

    static final String CLAIMED_PAGE_SQL = PAGE.formatted(CLAIMED_FIRST_LINE, PENDING, CLAIM);

    /**
     * The page without the per-row lookups, for a reader that found its duplicates and
     * the lines that have an outcome first: every row of the range, PENDING or not, which
     * the reader then sorts out. PostgreSQL planned the page with the outcome lookup for
     * a table of outcomes that grows as the step runs: once most of the batch had one, it
     * expected almost no PENDING row and read and sorted the whole range for every page
     * (at 1,000,000 requests the page query took 94 s in total instead of 5 s, measured).
     */
    static final String ONE_PASS_PAGE_SQL = PAGE.formatted("CAST(NULL AS BIGINT)", "", "");

    static final String ONE_PASS_CLAIMED_PAGE_SQL = PAGE.formatted("CAST(NULL AS BIGINT)", "", CLAIM);

    /**
     * The lines of the range that have an outcome, in one pass. Parameters: batch, first
     * line, last line.
     */
    static final String DECIDED_LINES_SQL = """
            SELECT r.line_no FROM issuance_request r JOIN request_outcome o ON o.request_pk = r.id
             WHERE r.batch_id = ? AND r.line_no >= ? AND r.line_no <= ?
            """;

    /**
     * The same rule in one pass over the batch: the lines of the range whose request id a
     * lower line of the batch carries. Parameters: batch, first line, last line.
     */
    static final String DUPLICATE_LINES_SQL = """
            SELECT line_no FROM (
                   SELECT line_no, MIN(line_no) OVER (PARTITION BY request_id) AS first_line
                     FROM issuance_request
                    WHERE batch_id = ? AND request_id IS NOT NULL) d
             WHERE line_no > first_line AND line_no >= ? AND line_no <= ?
            """;

    /**
     * The claim's rule in one pass. Parameters: run date, batch, run date, run date,
     * first line, last line.
     */
    static final String CLAIMED_DUPLICATE_LINES_SQL = """
            SELECT line_no FROM (
                   SELECT line_no, claim_run_date,
                          MIN(CASE WHEN claim_run_date < ? THEN -1 ELSE line_no END)
                              OVER (PARTITION BY request_id) AS first_line
                     FROM issuance_request
                    WHERE batch_id = ? AND request_id IS NOT NULL AND claim_run_date <= ?) d
             WHERE claim_run_date = ? AND line_no > first_line AND line_no >= ? AND line_no <= ?
            """;

    private final JdbcTemplate jdbc;

    private final String batchId;

    private final long minLine;

    private final long maxLine;

    private final int pageSize;

    private final Object[] claim;

    /** Null: chosen at the first read, by the database (one pass on PostgreSQL). */
    private final Boolean onePass;

    private final Deque<PendingRequest> page = new ArrayDeque<>();

    /** The page query, set at the first read. */
    private String sql;

    /**
     * One pass: the range's duplicate lines, bit {@code line - minLine}; null when each
     * row's first line comes with the page.
     */
    private BitSet duplicates;

    /**
     * One pass: the range's lines that had an outcome when the reader started, bit
     * {@code line - minLine}; null when the page query leaves them out itself.
     */
    private BitSet decided;

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
        this(jdbc, batchId, minLine, maxLine, pageSize, claimRunDate, null);
    }

    /**
     * As above, with the duplicate check chosen: {@code onePass} true finds the range's
     * duplicates in one query before the first page, false looks each row's first line up
     * with its page, null chooses by the database.
     */
    PendingRequestReader(JdbcTemplate jdbc, String batchId, long minLine, long maxLine, int pageSize,
            LocalDate claimRunDate, Boolean onePass) {
        this.jdbc = jdbc;
        this.batchId = batchId;
        this.minLine = minLine;
        this.lastLine = minLine - 1;
        this.maxLine = maxLine;
        this.pageSize = pageSize;
        this.claim = claimRunDate == null ? new Object[0] : new Object[] { Date.valueOf(claimRunDate) };
        this.onePass = onePass;
    }

    @Override
    public PendingRequest read() {
        while (page.isEmpty() && !exhausted) {
            if (sql == null) {
                prepare();
            }
            // fill the page only once the whole query succeeded, so a retried read never
            // sees half a page twice; a row with an outcome (one pass) is read as null
            long[] last = { lastLine };
            List<PendingRequest> fetched = jdbc.query(sql, (rs, i) -> {
                long line = rs.getLong("line_no");
                last[0] = line;
                return decided != null && decided.get(Math.toIntExact(line - minLine)) ? null : map(rs);
            }, arguments());
            if (fetched.isEmpty()) {
                exhausted = true;
            }
            else {
                fetched.stream().filter(Objects::nonNull).forEach(page::add);
                lastLine = last[0];
            }
        }
        return page.poll();
    }

    /**
     * Chooses the duplicate check. On PostgreSQL the range's duplicates are found in one
     * pass over the batch (a window over its request ids, about 1.5 s for 1,000,000 rows)
     * instead of an index probe per row, so the request table needs no request-id index
     * (docs/performance.md). H2 computes a window in memory, so it keeps the index and
     * the probe; Oracle too, unmeasured. The staged rows' request ids do not change while
     * the step runs, so a restart finds the same lines.
     */
    private void prepare() {
        boolean pass = onePass != null ? onePass : PostgresCopy.isPostgres(jdbc);
        if (pass) {
            duplicates = duplicateLines();
            decided = new BitSet();
            jdbc.query(DECIDED_LINES_SQL,
                    (RowCallbackHandler) rs -> decided.set(Math.toIntExact(rs.getLong(1) - minLine)), batchId, minLine,
                    maxLine);
        }
        String page = pass ? (claim.length == 0 ? ONE_PASS_PAGE_SQL : ONE_PASS_CLAIMED_PAGE_SQL)
                : (claim.length == 0 ? PAGE_SQL : CLAIMED_PAGE_SQL);
        sql = page.formatted(pageSize);
    }

    /**
     * Whether this reader found its duplicates in one pass (known after its first read).
     */
    boolean onePass() {
        return duplicates != null;
    }

    private BitSet duplicateLines() {
        BitSet lines = new BitSet();
        RowCallbackHandler add = rs -> lines.set(Math.toIntExact(rs.getLong(1) - minLine));
        if (claim.length == 0) {
            jdbc.query(DUPLICATE_LINES_SQL, add, batchId, minLine, maxLine);
        }
        else {
            Object runDate = claim[0];
            jdbc.query(CLAIMED_DUPLICATE_LINES_SQL, add, runDate, batchId, runDate, runDate, minLine, maxLine);
        }
        return lines;
    }

    private Object[] arguments() {
        Object[] arguments = new Object[3 + claim.length];
        arguments[0] = batchId;
        arguments[1] = lastLine;
        arguments[2] = maxLine;
        System.arraycopy(claim, 0, arguments, 3, claim.length);
        return arguments;
    }

    private PendingRequest map(ResultSet rs) throws SQLException {
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
        boolean duplicate = duplicates != null ? duplicates.get(Math.toIntExact(lineNo - minLine))
                : !rs.wasNull() && firstLine < lineNo;
        String memberStatus = rs.getString("member_status");
        Member member = memberStatus == null ? null : new Member(rs.getString("member_name"), memberStatus,
                rs.getString("rrn_hash"), "Y".equals(rs.getString("mobile_wallet")));
        return new PendingRequest(rs.getLong("id"), lineNo, fields, socialNo, duplicate, member);
    }

}
