package com.example.cards.issue;

import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import com.example.cards.request.RequestOutcomes;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Splits a batch's pending requests into contiguous line-number ranges, one per
 * partition. The ranges are fixed when the step first starts (a restart reuses them), so
 * requests written to the table after that are left for the next run.
 *
 * <p>
 * Ranges are of {@code line_no}, not of the surrogate {@code id}:
 * {@code (batch_id, line_no)} is the request's unique key, so every database walks that
 * index in order and stops after a page (see
 * {@link com.example.cards.issue.PendingRequestReader}), and no index has to include the
 * status that the issue step changes on every row.
 */
public class RequestRangePartitioner implements Partitioner {

    static final String MIN_LINE = "minLine";
    static final String MAX_LINE = "maxLine";

    private static final String PENDING_BOUNDS = "SELECT MIN(r.line_no), MAX(r.line_no) FROM issuance_request r"
            + " WHERE r.batch_id = ? AND " + RequestOutcomes.pending("r");

    private final JdbcTemplate jdbc;

    private final String batchId;

    private final LocalDate claimRunDate;

    /**
     * @param claimRunDate for a staging run, only the rows claimed for this date; null
     * for a CSV run
     */
    public RequestRangePartitioner(JdbcTemplate jdbc, String batchId, LocalDate claimRunDate) {
        this.jdbc = jdbc;
        this.batchId = batchId;
        this.claimRunDate = claimRunDate;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        long[] bounds = claimRunDate == null
                ? jdbc.queryForObject(PENDING_BOUNDS, (rs, i) -> new long[] { rs.getLong(1), rs.getLong(2) }, batchId)
                : jdbc.queryForObject(PENDING_BOUNDS + " AND r.claim_run_date = ?",
                        (rs, i) -> new long[] { rs.getLong(1), rs.getLong(2) }, batchId, Date.valueOf(claimRunDate));
        Map<String, ExecutionContext> partitions = new HashMap<>();
        long min = bounds[0];
        long max = bounds[1];
        if (max < min || max == 0) {
            partitions.put("partition0", range(1, 0));
            return partitions;
        }
        long span = max - min + 1;
        int count = (int) Math.min(gridSize, span);
        long size = (span + count - 1) / count;
        for (int i = 0; i < count; i++) {
            long from = min + i * size;
            long to = Math.min(max, from + size - 1);
            partitions.put("partition" + i, range(from, to));
        }
        return partitions;
    }

    private static ExecutionContext range(long from, long to) {
        ExecutionContext context = new ExecutionContext();
        context.putLong(MIN_LINE, from);
        context.putLong(MAX_LINE, to);
        return context;
    }

}
