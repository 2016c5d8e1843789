-- The writer inserts a chunk's applications and cards and updates its request rows in one transaction, and nothing
-- deletes an application or a request that has one, so these two references always hold. Enforcing them as foreign
-- keys made the database look up (and lock) the parent row for every application and every card: about a sixth of
-- the issue step, measured. The unique keys that stop a request or a card number from being issued twice stay
-- (uq_application_request, uq_application_batch_request, the card's primary key pan_hash).
ALTER TABLE card DROP CONSTRAINT fk_card_application;
ALTER TABLE card_application DROP CONSTRAINT fk_application_request;

-- Keys and sort columns compare as bytes (code-point order), whatever the database's default collation. Identifiers
-- and hashes have no linguistic order, and comparing them through the locale (strcoll) cost a tenth of the
-- server's time in the stage and issue steps. The delivery manifest is sorted by zip code and address in this same
-- order, which is also the embedded database's order, so its parcels come out the same on any server locale.
-- (Only the collation changes: the indexes on these columns are rebuilt, the tables are not rewritten.)
ALTER TABLE issuance_request ALTER COLUMN batch_id TYPE VARCHAR(60) COLLATE "C",
                             ALTER COLUMN request_id TYPE VARCHAR(300) COLLATE "C";
ALTER TABLE card_application ALTER COLUMN card_apply_no TYPE CHAR(22) COLLATE "C",
                             ALTER COLUMN batch_id TYPE VARCHAR(40) COLLATE "C",
                             ALTER COLUMN request_id TYPE VARCHAR(40) COLLATE "C",
                             ALTER COLUMN zip_code TYPE VARCHAR(5) COLLATE "C",
                             ALTER COLUMN address TYPE VARCHAR(255) COLLATE "C",
                             ALTER COLUMN address_detail TYPE VARCHAR(255) COLLATE "C",
                             ALTER COLUMN delivery_class TYPE VARCHAR(12) COLLATE "C";
ALTER TABLE card ALTER COLUMN pan_hash TYPE CHAR(64) COLLATE "C",
                 ALTER COLUMN card_apply_no TYPE CHAR(22) COLLATE "C",
                 ALTER COLUMN card_role TYPE VARCHAR(8) COLLATE "C";

-- Only reruns set rerun_no; the index that finds a rerun's rows needs no entry for the other rows, so staging a
-- request no longer writes one.
DROP INDEX ix_request_rerun;
CREATE INDEX ix_request_rerun ON issuance_request (batch_id, rerun_no, line_no) WHERE rerun_no IS NOT NULL;
