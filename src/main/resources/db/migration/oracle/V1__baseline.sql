-- The whole schema of the bulk issuance job on Oracle: Spring Batch's job repository and the business tables, in one
-- versioned schema. Later changes go in new migrations (V2, V3, ...); this file is never edited once released.

-- Spring Batch 6.0.6 job repository, copied verbatim from spring-batch-core's schema-oracle.sql.

CREATE TABLE BATCH_JOB_INSTANCE (
	JOB_INSTANCE_ID NUMBER(19,0)  NOT NULL PRIMARY KEY,
	VERSION NUMBER(19,0),
	JOB_NAME VARCHAR2(100 char) NOT NULL,
	JOB_KEY VARCHAR2(32 char) NOT NULL,
	constraint JOB_INST_UN unique (JOB_NAME, JOB_KEY)
) SEGMENT CREATION IMMEDIATE;

CREATE TABLE BATCH_JOB_EXECUTION (
	JOB_EXECUTION_ID NUMBER(19,0)  NOT NULL PRIMARY KEY,
	VERSION NUMBER(19,0),
	JOB_INSTANCE_ID NUMBER(19,0) NOT NULL,
	CREATE_TIME TIMESTAMP(9) NOT NULL,
	START_TIME TIMESTAMP(9) DEFAULT NULL,
	END_TIME TIMESTAMP(9) DEFAULT NULL,
	STATUS VARCHAR2(10 char),
	EXIT_CODE VARCHAR2(2500 char),
	EXIT_MESSAGE VARCHAR2(2500 char),
	LAST_UPDATED TIMESTAMP(9),
	constraint JOB_INST_EXEC_FK foreign key (JOB_INSTANCE_ID)
	references BATCH_JOB_INSTANCE(JOB_INSTANCE_ID)
) SEGMENT CREATION IMMEDIATE;

CREATE TABLE BATCH_JOB_EXECUTION_PARAMS (
	JOB_EXECUTION_ID NUMBER(19,0) NOT NULL,
	PARAMETER_NAME VARCHAR(100 char) NOT NULL,
	PARAMETER_TYPE VARCHAR(100 char) NOT NULL,
	PARAMETER_VALUE VARCHAR(2500 char),
	IDENTIFYING CHAR(1) NOT NULL,
	constraint JOB_EXEC_PARAMS_FK foreign key (JOB_EXECUTION_ID)
	references BATCH_JOB_EXECUTION(JOB_EXECUTION_ID)
) SEGMENT CREATION IMMEDIATE;

CREATE TABLE BATCH_STEP_EXECUTION (
	STEP_EXECUTION_ID NUMBER(19,0)  NOT NULL PRIMARY KEY,
	VERSION NUMBER(19,0) NOT NULL,
	STEP_NAME VARCHAR2(100 char) NOT NULL,
	JOB_EXECUTION_ID NUMBER(19,0) NOT NULL,
	CREATE_TIME TIMESTAMP(9) NOT NULL,
	START_TIME TIMESTAMP(9) DEFAULT NULL,
	END_TIME TIMESTAMP(9) DEFAULT NULL,
	STATUS VARCHAR2(10 char),
	COMMIT_COUNT NUMBER(19,0),
	READ_COUNT NUMBER(19,0),
	FILTER_COUNT NUMBER(19,0),
	WRITE_COUNT NUMBER(19,0),
	READ_SKIP_COUNT NUMBER(19,0),
	WRITE_SKIP_COUNT NUMBER(19,0),
	PROCESS_SKIP_COUNT NUMBER(19,0),
	ROLLBACK_COUNT NUMBER(19,0),
	EXIT_CODE VARCHAR2(2500 char),
	EXIT_MESSAGE VARCHAR2(2500 char),
	LAST_UPDATED TIMESTAMP(9),
	constraint JOB_EXEC_STEP_FK foreign key (JOB_EXECUTION_ID)
	references BATCH_JOB_EXECUTION(JOB_EXECUTION_ID)
) SEGMENT CREATION IMMEDIATE;

CREATE TABLE BATCH_STEP_EXECUTION_CONTEXT (
	STEP_EXECUTION_ID NUMBER(19,0) NOT NULL PRIMARY KEY,
	SHORT_CONTEXT VARCHAR2(2500 char) NOT NULL,
	SERIALIZED_CONTEXT CLOB,
	constraint STEP_EXEC_CTX_FK foreign key (STEP_EXECUTION_ID)
	references BATCH_STEP_EXECUTION(STEP_EXECUTION_ID)
) SEGMENT CREATION IMMEDIATE;

CREATE TABLE BATCH_JOB_EXECUTION_CONTEXT (
	JOB_EXECUTION_ID NUMBER(19,0) NOT NULL PRIMARY KEY,
	SHORT_CONTEXT VARCHAR2(2500 char) NOT NULL,
	SERIALIZED_CONTEXT CLOB,
	constraint JOB_EXEC_CTX_FK foreign key (JOB_EXECUTION_ID)
	references BATCH_JOB_EXECUTION(JOB_EXECUTION_ID)
) SEGMENT CREATION IMMEDIATE;

CREATE SEQUENCE BATCH_STEP_EXECUTION_SEQ START WITH 0 MINVALUE 0 MAXVALUE 9223372036854775807 ORDER NOCYCLE;
CREATE SEQUENCE BATCH_JOB_EXECUTION_SEQ START WITH 0 MINVALUE 0 MAXVALUE 9223372036854775807 ORDER NOCYCLE;
CREATE SEQUENCE BATCH_JOB_INSTANCE_SEQ START WITH 0 MINVALUE 0 MAXVALUE 9223372036854775807 ORDER NOCYCLE;

CREATE INDEX BATCH_JOB_EXEC_PARAMS_IDX ON BATCH_JOB_EXECUTION_PARAMS(JOB_EXECUTION_ID);

-- Business tables of the bulk issuance job (Oracle 19c+ dialect: NUMBER, VARCHAR2 in characters).

-- Reference data owned by the platform; the job only reads it (the loader refreshes it for demo and tests).
CREATE TABLE wallet_member (
    user_id        NUMBER(19,0)  NOT NULL PRIMARY KEY,   -- up to 19 digits: larger than a Java long
    user_name      VARCHAR2(100 CHAR)   NOT NULL,               -- NFC
    status         VARCHAR2(10 CHAR)    NOT NULL,               -- ACTIVE, DORMANT, WITHDRAWN (reference.MemberStatus)
    rrn_hash       CHAR(64 CHAR)       NOT NULL,               -- HMAC-SHA-256 of the 13-digit RRN; the RRN itself is never stored
    mobile_wallet  CHAR(1 CHAR)        NOT NULL                -- Y: an active mobile wallet can receive a mobile card
);

CREATE TABLE card_product (
    service_id          VARCHAR2(15 CHAR)  NOT NULL PRIMARY KEY,
    product_name        VARCHAR2(100 CHAR) NOT NULL,
    bank_code           CHAR(3 CHAR)      NOT NULL,
    kind                VARCHAR2(10 CHAR)  NOT NULL,            -- DEBIT, DIGITAL
    issue_types         VARCHAR2(30 CHAR)  NOT NULL,            -- PHYSICAL, PRE_ISSUE or both joined by |
    cash_ic             CHAR(1 CHAR)      NOT NULL,
    pre_issue           CHAR(1 CHAR)      NOT NULL,
    sibling_service_id  VARCHAR2(15 CHAR),
    bin                 VARCHAR2(8 CHAR)   NOT NULL,
    card_length         NUMBER(10,0) NOT NULL,
    validity_months     NUMBER(10,0) NOT NULL,
    delivery_class      VARCHAR2(12 CHAR)  NOT NULL,            -- STANDARD, HOLDER_ONLY
    cvk_alias           VARCHAR2(64 CHAR)  NOT NULL,
    status              VARCHAR2(10 CHAR)  NOT NULL             -- ACTIVE, INACTIVE (reference.ProductStatus)
);

-- One row per card-number BIN: the next counter value not yet handed out. Ranges are taken in short transactions
-- of their own; a range taken and not used is simply skipped (numbers never need to be dense).
CREATE TABLE bin_counter (
    bin         VARCHAR2(8 CHAR) NOT NULL PRIMARY KEY,
    next_value  NUMBER(19,0)     NOT NULL
);

-- One row per submitted batch: what was submitted, so a restart or resubmission can be checked against it.
CREATE TABLE issuance_batch (
    batch_id      VARCHAR2(40 CHAR)  NOT NULL PRIMARY KEY,
    run_date      DATE         NOT NULL,
    source        VARCHAR2(10 CHAR)  NOT NULL,                  -- CSV, STAGING
    input_name    VARCHAR2(500 CHAR),
    input_sha256  CHAR(64 CHAR),
    encoding      VARCHAR2(10 CHAR),
    input_bom     CHAR(1 CHAR),
    created_at    TIMESTAMP    NOT NULL
);

-- The request table: CSV rows are staged here; upstream systems write nightly requests here directly (the staging
-- table). Text is kept as received (trimmed, NFC, capped) so that rejections can be reported as submitted.
CREATE TABLE issuance_request (
    id                 NUMBER(19,0) GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    batch_id           VARCHAR2(60 CHAR)   NOT NULL,            -- 40 characters, or a preview's '<batchId>~preview'
    line_no            NUMBER(19,0)        NOT NULL,
    request_id         VARCHAR2(300 CHAR),
    user_id            VARCHAR2(300 CHAR),
    user_id_num        NUMBER(19,0),                     -- set when userId is a valid number: joined to wallet_member
    user_name          VARCHAR2(300 CHAR),
    eng_name           VARCHAR2(300 CHAR),
    social_no_enc      VARCHAR2(200 CHAR),                      -- AES-256-GCM, Base64(iv||ciphertext||tag)
    social_no_key_id   CHAR(32 CHAR),
    mobile_number      VARCHAR2(300 CHAR),
    exist_ocr_file     VARCHAR2(300 CHAR),
    bank_code          VARCHAR2(300 CHAR),
    account_no         VARCHAR2(300 CHAR),
    service_id         VARCHAR2(300 CHAR),
    issue_type         VARCHAR2(300 CHAR),
    with_cash_ic       VARCHAR2(300 CHAR),
    delivery_required  VARCHAR2(300 CHAR),
    zip_code           VARCHAR2(300 CHAR),
    address            VARCHAR2(300 CHAR),
    address_detail     VARCHAR2(300 CHAR),
    status             VARCHAR2(10 CHAR)   NOT NULL,            -- PENDING, ISSUED, REJECTED (request.RequestStatus)
    result_code        VARCHAR2(7 CHAR),
    result_message     VARCHAR2(400 CHAR),
    correlation_id     CHAR(20 CHAR),
    created_at         TIMESTAMP     NOT NULL,
    processed_at       TIMESTAMP,
    -- A staging run claims the rows of its batch committed before it started (claim_run_date = its run date) and
    -- works on those only, so rows inserted while it runs are left for the next run. CSV batches leave it NULL.
    claim_run_date     DATE,
    -- The rerun (1, 2, ...) that last put this request through the issue step again; NULL: only the batch's own run.
    rerun_no           NUMBER(5),
    CONSTRAINT uq_request_line UNIQUE (batch_id, line_no)
);
-- The issue step reads each partition's PENDING rows by walking the unique key (batch_id, line_no) and filters on the
-- status: no index holds the status, which the step changes on every row it decides.
CREATE INDEX ix_request_request_id ON issuance_request (batch_id, request_id, line_no);
CREATE INDEX ix_request_rerun ON issuance_request (batch_id, rerun_no, line_no);

-- One application per issued request; the unique keys make a replayed chunk fail instead of issuing twice.
-- request_pk names the request row, but no foreign key checks it on every insert: the writer inserts a chunk's
-- applications and cards and updates its request rows in one transaction, and nothing deletes an application or a
-- request that has one, so the reference holds by construction (the per-row checks cost about a sixth of the issue
-- step on PostgreSQL, measured). The same goes for card.card_apply_no.
CREATE TABLE card_application (
    card_apply_no         CHAR(22 CHAR)      NOT NULL PRIMARY KEY,
    request_pk            NUMBER(19,0)        NOT NULL,
    batch_id              VARCHAR2(40 CHAR)   NOT NULL,
    request_id            VARCHAR2(40 CHAR)   NOT NULL,
    user_id               NUMBER(19,0) NOT NULL,
    service_id            VARCHAR2(15 CHAR)   NOT NULL,
    mobile_service_id     VARCHAR2(15 CHAR),
    issue_type            VARCHAR2(10 CHAR)   NOT NULL,
    with_cash_ic          CHAR(1 CHAR)       NOT NULL,
    delivery_required     CHAR(1 CHAR)       NOT NULL,
    delivery_class        VARCHAR2(12 CHAR)   NOT NULL,
    expiry_date           CHAR(8 CHAR)       NOT NULL,
    physical_card_masked  VARCHAR2(19 CHAR)   NOT NULL,
    mobile_card_masked    VARCHAR2(19 CHAR),
    recipient_name        VARCHAR2(100 CHAR)  NOT NULL,        -- what the courier needs, as validated at issuance
    recipient_mobile      VARCHAR2(13 CHAR)   NOT NULL,
    zip_code              VARCHAR2(5 CHAR),
    address               VARCHAR2(255 CHAR),
    address_detail        VARCHAR2(255 CHAR),
    correlation_id        CHAR(20 CHAR)      NOT NULL,
    created_at            TIMESTAMP     NOT NULL,
    CONSTRAINT uq_application_request UNIQUE (request_pk),
    CONSTRAINT uq_application_batch_request UNIQUE (batch_id, request_id)
);

-- Card numbers: encrypted, with the key id beside the ciphertext, and unique by keyed hash.
CREATE TABLE card (
    pan_hash       CHAR(64 CHAR)     NOT NULL PRIMARY KEY,
    card_apply_no  CHAR(22 CHAR)     NOT NULL,
    card_role      VARCHAR2(8 CHAR)   NOT NULL,                 -- PHYSICAL, MOBILE
    service_id     VARCHAR2(15 CHAR)  NOT NULL,
    pan_enc        VARCHAR2(100 CHAR) NOT NULL,
    pan_key_id     CHAR(32 CHAR)     NOT NULL,
    expiry_date    CHAR(8 CHAR)      NOT NULL,
    CONSTRAINT uq_card_role UNIQUE (card_apply_no, card_role)
);

-- One row per lock key (a batch id): a run holds the row locked (SELECT ... FOR UPDATE NOWAIT) on a connection of its
-- own for as long as it runs. A second launch of the same batch is refused; a killed process's lock goes with its
-- connection, which is how a STARTED execution is known to be dead.
CREATE TABLE run_lock (
    lock_key    VARCHAR2(100 CHAR) NOT NULL PRIMARY KEY,
    created_at  TIMESTAMP    NOT NULL
);

-- One row per run date of the nightly run over all staging batches: its cut-off, and whether it completed.
CREATE TABLE nightly_run (
    run_date      DATE       NOT NULL PRIMARY KEY,
    cutoff        TIMESTAMP  NOT NULL,
    started_at    TIMESTAMP  NOT NULL,
    completed_at  TIMESTAMP
);

-- One row per rerun of a batch: which codes it took, for which run date, how many records, and whether it finished.
CREATE TABLE issuance_rerun (
    batch_id          VARCHAR2(40 CHAR)   NOT NULL,
    rerun_no          NUMBER(5)     NOT NULL,
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
    retried_by      NUMBER(5)     NOT NULL,                 -- the rerun_no that retried (superseded) this outcome
    batch_id        VARCHAR2(40 CHAR)   NOT NULL,
    status          VARCHAR2(10 CHAR)   NOT NULL,
    result_code     VARCHAR2(7 CHAR),
    result_message  VARCHAR2(400 CHAR),
    correlation_id  CHAR(20 CHAR),
    processed_at    TIMESTAMP,
    CONSTRAINT pk_request_attempt PRIMARY KEY (request_pk, retried_by),
    CONSTRAINT fk_attempt_request FOREIGN KEY (request_pk) REFERENCES issuance_request (id)
);
