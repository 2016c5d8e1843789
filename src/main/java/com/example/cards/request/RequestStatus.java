package com.example.cards.request;

/**
 * Where a request stands, as the request table's {@code status} column holds it. Staging
 * writes {@code PENDING} (or {@code REJECTED} for a record that failed the format rules);
 * the issue step moves each pending row to {@code ISSUED} or {@code REJECTED} in the
 * chunk that decided it. SQL names these through {@link #name()} (bound as a parameter)
 * or {@link #literal()} (written into SQL built once), never as literals of its own.
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
