-- Reruns of rejected records and previews (dry runs).

-- A preview stages its rows under '<batchId>~preview' (deleted when the preview ends), so the column must hold a
-- 40-character batch id plus that suffix.
ALTER TABLE issuance_request ALTER COLUMN batch_id TYPE VARCHAR(60);

-- The rerun (1, 2, ...) that last put this request through the issue step again; NULL: only the batch's own run.
ALTER TABLE issuance_request ADD COLUMN rerun_no INT;

-- One row per rerun of a batch: which codes it took, for which run date, how many records, and whether it finished.
CREATE TABLE issuance_rerun (
    batch_id          VARCHAR(40)   NOT NULL,
    rerun_no          INT           NOT NULL,
    codes             VARCHAR(200)  NOT NULL,               -- comma-separated result codes that were retried
    run_date          DATE          NOT NULL,
    status            VARCHAR(10)   NOT NULL,               -- STARTED, COMPLETED
    selected          BIGINT        NOT NULL,               -- requests put back to PENDING
    job_execution_id  BIGINT        NOT NULL,
    created_at        TIMESTAMP     NOT NULL,
    completed_at      TIMESTAMP,
    CONSTRAINT pk_issuance_rerun PRIMARY KEY (batch_id, rerun_no)
);

-- The outcome a request had before a rerun retried it: the request row keeps only its latest outcome, this table
-- keeps every earlier one, so "what happened to request X" has a complete answer.
CREATE TABLE request_attempt (
    request_pk      BIGINT        NOT NULL,
    retried_by      INT           NOT NULL,                 -- the rerun_no that retried (superseded) this outcome
    batch_id        VARCHAR(40)   NOT NULL,
    status          VARCHAR(10)   NOT NULL,
    result_code     VARCHAR(7),
    result_message  VARCHAR(400),
    correlation_id  CHAR(20),
    processed_at    TIMESTAMP,
    CONSTRAINT pk_request_attempt PRIMARY KEY (request_pk, retried_by),
    CONSTRAINT fk_attempt_request FOREIGN KEY (request_pk) REFERENCES issuance_request (id)
);
CREATE INDEX ix_request_rerun ON issuance_request (batch_id, rerun_no, line_no);
