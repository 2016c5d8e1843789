package com.example.cards.run;

/**
 * Where a batch's requests came from, as {@code issuance_batch.source} holds it: a CSV
 * file ({@code issueCardsJob}) or the staging table ({@code issueStagedJob}). A batch id
 * keeps the source it was registered with. SQL names these through {@link #name()} (bound
 * as a parameter) or {@link #literal()} (written into SQL built once).
 */
public enum BatchSource {

    CSV, STAGING;

    /** This source as an SQL string literal, {@code 'STAGING'} for example. */
    public String literal() {
        return "'" + name() + "'";
    }

}
