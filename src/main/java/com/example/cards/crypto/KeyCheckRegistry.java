package com.example.cards.crypto;

import java.util.Map;

/**
 * Where the check values of the keys in use are kept (the database: the
 * {@code issuance_key_check} table); see {@link KeyCheck}.
 */
public interface KeyCheckRegistry {

    /** Key name → check value, as recorded. */
    Map<String, String> recorded();

    /**
     * Records the check values of keys used for the first time; a value another process
     * recorded meanwhile stays (the caller reads them again and compares).
     */
    void record(Map<String, String> checkValues);

}
