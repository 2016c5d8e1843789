-- The check value of every key the job has used (crypto/KeyCheck): an HMAC-SHA-256 of a fixed string under the key,
-- cut to 8 bytes. Recorded on a key's first use and compared on every later start, so a keystore that is not the one
-- the data was written with is refused at start instead of rejecting every request.
CREATE TABLE issuance_key_check (
    key_name     VARCHAR(60)   NOT NULL PRIMARY KEY,   -- hash, pan-ff1, data.<keyId>
    check_value  VARCHAR(64)   NOT NULL,
    recorded_at  TIMESTAMP     NOT NULL
);
