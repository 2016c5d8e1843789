package com.example.cards.request;

/**
 * The SQL of the outcome table {@code request_outcome}: one row per decided request,
 * written once, in the transaction that decided it (the stage's format rules, an issue
 * chunk, a preview chunk). A request row with no outcome row is PENDING; the request row
 * itself stays as it was submitted. The primary key on {@code request_pk} refuses a
 * second outcome for a request, so a chunk replayed by a second process fails instead of
 * deciding a request twice. A rerun moves the outcomes it retries to
 * {@code request_attempt} and deletes them, which makes those requests PENDING again.
 */
public final class RequestOutcomes {

    /** The columns an outcome is written with, in the order of {@link #INSERT}. */
    public static final String COLUMNS = "request_pk, status, result_code, result_message, correlation_id, processed_at";

    public static final String INSERT = "INSERT INTO request_outcome (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)";

    /**
     * An outcome for the request row of a batch's line, for a writer that inserted the
     * row in the same transaction without learning its generated id. Parameters: status,
     * code, message, correlation id, time, batch, line.
     */
    public static final String INSERT_BY_LINE = "INSERT INTO request_outcome (" + COLUMNS + ")\n"
            + "SELECT id, ?, ?, ?, ?, ? FROM issuance_request WHERE batch_id = ? AND line_no = ?";

    /** Deletes the outcomes of a batch's request rows (before the rows themselves go). */
    public static final String DELETE_OF_BATCH = "DELETE FROM request_outcome WHERE request_pk IN "
            + "(SELECT id FROM issuance_request WHERE batch_id = ?)";

    /**
     * A request's status over {@link #join(String)}: its outcome's, or PENDING while it
     * has none.
     */
    public static final String STATUS = "COALESCE(o.status, " + RequestStatus.PENDING.literal() + ")";

    private RequestOutcomes() {
    }

    /**
     * The condition that the request row under {@code alias} has no outcome yet: it is
     * PENDING.
     */
    public static String pending(String alias) {
        return "NOT EXISTS (SELECT 1 FROM request_outcome o WHERE o.request_pk = " + alias + ".id)";
    }

    /**
     * The join that gives the request row under {@code alias} its outcome as {@code o},
     * with no row for a PENDING request.
     */
    public static String join(String alias) {
        return "LEFT JOIN request_outcome o ON o.request_pk = " + alias + ".id";
    }

}
