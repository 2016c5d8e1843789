-- A request's outcome is a row of its own, written once when the request is decided (by the stage's format rules, the
-- issue step or a preview), instead of an update of the request's wide row: the request row stays as submitted, and
-- "pending" means "no outcome row yet" (docs/design.md#outcomes-are-written-once, docs/performance.md). The primary
-- key refuses a second outcome for a request. Like card_application.request_pk, request_pk has no foreign key: the
-- writers insert an outcome only for a request row they have just read or written, and nothing deletes a request row
-- that has one but the preview, which deletes its outcomes first.
CREATE TABLE request_outcome (
    request_pk      BIGINT  NOT NULL PRIMARY KEY,
    status          VARCHAR(10)  NOT NULL,            -- ISSUED, REJECTED (request.RequestStatus); ACCEPTED in a preview
    result_code     VARCHAR(7),
    result_message  VARCHAR(400),
    correlation_id  CHAR(20),
    processed_at    TIMESTAMP NOT NULL
);
-- The outcomes decided before this version move over; their request rows go back to what was submitted.
INSERT INTO request_outcome (request_pk, status, result_code, result_message, correlation_id, processed_at)
SELECT id, status, result_code, result_message, correlation_id, COALESCE(processed_at, created_at)
  FROM issuance_request WHERE status <> 'PENDING';
UPDATE issuance_request SET status = 'PENDING' WHERE status <> 'PENDING';
ALTER TABLE issuance_request DROP COLUMN result_code;
ALTER TABLE issuance_request DROP COLUMN result_message;
ALTER TABLE issuance_request DROP COLUMN correlation_id;
ALTER TABLE issuance_request DROP COLUMN processed_at;
-- The request row is no longer updated when its request is decided, so its pages need no free room (V1 left half).
ALTER TABLE issuance_request SET (fillfactor = 100);
