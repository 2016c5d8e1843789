-- Reruns of rejected records and previews (dry runs).

-- A preview stages its rows under '<batchId>~preview' (deleted when the preview ends), so the column must hold a
-- 40-character batch id plus that suffix.
ALTER TABLE issuance_request MODIFY (batch_id VARCHAR2(60 CHAR));

-- The rerun (1, 2, ...) that last put this request through the issue step again; NULL: only the batch's own run.
ALTER TABLE issuance_request ADD (rerun_no NUMBER(5));

-- One row per rerun of a batch: which codes it took, for which run date, how many records, and whether it finished.
CREATE TABLE issuance_rerun (
    batch_id          VARCHAR2(40 CHAR)   NOT NULL,
    rerun_no          NUMBER(5)         NOT NULL,
    codes             VARCHAR2(200 CHAR)  NOT NULL,               -- comma-separated result codes that were retried
    run_date          DATE          NOT NULL,
    status            VARCHAR2(10 CHAR)   NOT NULL,               -- STARTED, COMPLETED
    selected          NUMBER(19,0)        NOT NULL,               -- requests put back to PENDING
    job_execution_id  NUMBER(19,0)        NOT NULL,
    created_at        TIMESTAMP     NOT NULL,
    completed_at      TIMESTAMP,
    CONSTRAINT pk_issuance_rerun PRIMARY KEY (batch_id, rerun_no)
);

-- The outcome a request had before a rerun retried it: the request row keeps only its latest outcome, this table
-- keeps every earlier one, so "what happened to request X" has a complete answer.
CREATE TABLE request_attempt (
    request_pk      NUMBER(19,0)        NOT NULL,
    retried_by      NUMBER(5)         NOT NULL,                 -- the rerun_no that retried (superseded) this outcome
    batch_id        VARCHAR2(40 CHAR)   NOT NULL,
    status          VARCHAR2(10 CHAR)   NOT NULL,
    result_code     VARCHAR2(7 CHAR),
    result_message  VARCHAR2(400 CHAR),
    correlation_id  CHAR(20 CHAR),
    processed_at    TIMESTAMP,
    CONSTRAINT pk_request_attempt PRIMARY KEY (request_pk, retried_by),
    CONSTRAINT fk_attempt_request FOREIGN KEY (request_pk) REFERENCES issuance_request (id)
);
CREATE INDEX ix_request_rerun ON issuance_request (batch_id, rerun_no, line_no);
