package com.example.cards.output;

import java.sql.Date;
import java.time.LocalDate;

/**
 * Which request rows an export covers: every row of a CSV batch, or, for a staging run, the rows of the batch claimed
 * for that run's date (a staging batch can span several runs, and each run reports only what it processed).
 *
 * @param claimRunDate null for the whole batch
 */
public record ClaimScope(String batchId, LocalDate claimRunDate) {

    public static ClaimScope whole(String batchId) {
        return new ClaimScope(batchId, null);
    }

    /** Fills the {@code %s} after the batch-id predicate of {@code sql}, on the request table aliased {@code alias}. */
    String sql(String sql, String alias) {
        return sql.formatted(claimRunDate == null ? "" : " AND " + alias + ".claim_run_date = ?");
    }

    Object[] arguments() {
        return claimRunDate == null ? new Object[] { batchId } : new Object[] { batchId, Date.valueOf(claimRunDate) };
    }

    /** The stem of the output file names: the batch id, plus the run date for a staging run. */
    public String outputStem() {
        return claimRunDate == null ? batchId : batchId + "-" + claimRunDate.toString().replace("-", "");
    }
}
