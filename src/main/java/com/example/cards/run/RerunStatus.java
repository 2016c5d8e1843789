package com.example.cards.run;

/**
 * Where a rerun of a batch stands, as {@code issuance_rerun.status} holds it: the
 * selection step records it {@code STARTED}, the export step {@code COMPLETED} in its own
 * transaction. The next rerun's number follows the highest completed one. SQL names these
 * through {@link #name()} (bound as a parameter).
 */
public enum RerunStatus {

    STARTED, COMPLETED

}
