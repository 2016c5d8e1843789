package com.example.cards.db;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.TreeMap;

import com.example.cards.crypto.KeyCheckRegistry;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * The key check values in the {@code issuance_key_check} table (see crypto/KeyCheck).
 * Each is inserted once, in its own statement; a value another process inserted first
 * stays, and is compared by the caller.
 */
@Component
public class KeyCheckTable implements KeyCheckRegistry {

    private final JdbcTemplate jdbc;

    private final Clock clock;

    KeyCheckTable(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Map<String, String> recorded() {
        Map<String, String> values = new TreeMap<>();
        jdbc.query("SELECT key_name, check_value FROM issuance_key_check",
                (RowCallbackHandler) rs -> values.put(rs.getString(1), rs.getString(2)));
        return values;
    }

    @Override
    public void record(Map<String, String> checkValues) {
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(clock));
        checkValues.forEach((name, value) -> {
            try {
                jdbc.update("INSERT INTO issuance_key_check (key_name, check_value, recorded_at) VALUES (?, ?, ?)",
                        name, value, now);
            }
            catch (DuplicateKeyException recordedMeanwhile) {
                // another process recorded it first: the caller compares against theirs
            }
        });
    }

}
