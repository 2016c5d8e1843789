package com.example.cards.export;

import java.sql.Date;
import java.time.LocalDate;

/**
 * Which request rows an export covers: every row of a CSV batch; for a staging run, the
 * rows of the batch claimed for that run's date (a staging batch can span several runs,
 * and each run reports only what it processed); for a rerun, only the rows that rerun
 * retried.
 *
 * @param claimRunDate null unless a staging run
 * @param rerunNo null unless a rerun
 */
public record ClaimScope(String batchId, LocalDate claimRunDate, Integer rerunNo) {

    public ClaimScope(String batchId, LocalDate claimRunDate) {
        this(batchId, claimRunDate, null);
    }

    public static ClaimScope whole(String batchId) {
        return new ClaimScope(batchId, null, null);
    }

    public static ClaimScope rerun(String batchId, Integer rerunNo) {
        return new ClaimScope(batchId, null, rerunNo);
    }

    /**
     * Whether the scope is narrower than the whole batch, by a filter on the request
     * rows.
     */
    boolean narrowed() {
        return claimRunDate != null || rerunNo != null;
    }

    /**
     * Fills the {@code %s} after the batch-id predicate of {@code sql}, on the request
     * table aliased {@code alias}.
     */
    String sql(String sql, String alias) {
        StringBuilder filter = new StringBuilder();
        if (claimRunDate != null) {
            filter.append(" AND ").append(alias).append(".claim_run_date = ?");
        }
        if (rerunNo != null) {
            filter.append(" AND ").append(alias).append(".rerun_no = ?");
        }
        return sql.formatted(filter);
    }

    Object[] arguments() {
        java.util.List<Object> arguments = new java.util.ArrayList<>();
        arguments.add(batchId);
        if (claimRunDate != null) {
            arguments.add(Date.valueOf(claimRunDate));
        }
        if (rerunNo != null) {
            arguments.add(rerunNo);
        }
        return arguments.toArray();
    }

    /**
     * The stem of the output file names: the batch id, plus the run date for a staging
     * run.
     */
    public String outputStem() {
        return claimRunDate == null ? batchId : batchId + "-" + claimRunDate.toString().replace("-", "");
    }
}
