package com.example.cards.request;

/**
 * Where a request stands, as the request table's {@code status} column holds it. Staging
 * writes {@code PENDING} (or {@code REJECTED} for a record that failed the format rules);
 * the issue step moves each pending row to {@code ISSUED} or {@code REJECTED} in the
 * chunk that decided it. SQL names these through {@link #name()}, never as literals.
 */
public enum RequestStatus {

    PENDING, ISSUED, REJECTED

}
