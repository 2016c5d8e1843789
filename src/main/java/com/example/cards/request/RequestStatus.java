package com.example.cards.request;

/**
 * Where a request stands. A request is {@code PENDING} while it has no row in
 * {@code request_outcome} ({@link RequestOutcomes}), and the request table's own
 * {@code status} column always holds {@code PENDING}, as it was submitted. The outcome
 * row, written once by the transaction that decides the request, holds {@code ISSUED} or
 * {@code REJECTED}: the stage for a record that failed the format rules, the issue step
 * for the rest. SQL names these through {@link #name()} (bound as a parameter) or
 * {@link #literal()} (written into SQL built once), never as literals of its own.
 */
public enum RequestStatus {

    PENDING, ISSUED, REJECTED;

    /**
     * This status as an SQL string literal, {@code 'PENDING'} for example: for a
     * statement built once in a constant, where a literal lets the planner use the
     * column's statistics for that value.
     */
    public String literal() {
        return "'" + name() + "'";
    }

}
