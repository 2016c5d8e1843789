-- The whole schema of the bulk issuance job on PostgreSQL: Spring Batch's job repository and the business tables, in
-- one versioned schema. Later changes go in new migrations (V2, V3, ...); this file is never edited once released.

-- Spring Batch 6.0.6 job repository, copied verbatim from spring-batch-core's schema-postgresql.sql.

CREATE TABLE BATCH_JOB_INSTANCE (
	JOB_INSTANCE_ID BIGINT  NOT NULL PRIMARY KEY,
	VERSION BIGINT,
	JOB_NAME VARCHAR(100) NOT NULL,
	JOB_KEY VARCHAR(32) NOT NULL,
	constraint JOB_INST_UN unique (JOB_NAME, JOB_KEY)
) ;

CREATE TABLE BATCH_JOB_EXECUTION (
	JOB_EXECUTION_ID BIGINT  NOT NULL PRIMARY KEY,
	VERSION BIGINT,
	JOB_INSTANCE_ID BIGINT NOT NULL,
	CREATE_TIME TIMESTAMP NOT NULL,
	START_TIME TIMESTAMP DEFAULT NULL,
	END_TIME TIMESTAMP DEFAULT NULL,
	STATUS VARCHAR(10),
	EXIT_CODE VARCHAR(2500),
	EXIT_MESSAGE VARCHAR(2500),
	LAST_UPDATED TIMESTAMP,
	constraint JOB_INST_EXEC_FK foreign key (JOB_INSTANCE_ID)
	references BATCH_JOB_INSTANCE(JOB_INSTANCE_ID)
) ;

CREATE TABLE BATCH_JOB_EXECUTION_PARAMS (
	JOB_EXECUTION_ID BIGINT NOT NULL,
	PARAMETER_NAME VARCHAR(100) NOT NULL,
	PARAMETER_TYPE VARCHAR(100) NOT NULL,
	PARAMETER_VALUE VARCHAR(2500),
	IDENTIFYING CHAR(1) NOT NULL,
	constraint JOB_EXEC_PARAMS_FK foreign key (JOB_EXECUTION_ID)
	references BATCH_JOB_EXECUTION(JOB_EXECUTION_ID)
) ;

CREATE TABLE BATCH_STEP_EXECUTION (
	STEP_EXECUTION_ID BIGINT  NOT NULL PRIMARY KEY,
	VERSION BIGINT NOT NULL,
	STEP_NAME VARCHAR(100) NOT NULL,
	JOB_EXECUTION_ID BIGINT NOT NULL,
	CREATE_TIME TIMESTAMP NOT NULL,
	START_TIME TIMESTAMP DEFAULT NULL,
	END_TIME TIMESTAMP DEFAULT NULL,
	STATUS VARCHAR(10),
	COMMIT_COUNT BIGINT,
	READ_COUNT BIGINT,
	FILTER_COUNT BIGINT,
	WRITE_COUNT BIGINT,
	READ_SKIP_COUNT BIGINT,
	WRITE_SKIP_COUNT BIGINT,
	PROCESS_SKIP_COUNT BIGINT,
	ROLLBACK_COUNT BIGINT,
	EXIT_CODE VARCHAR(2500),
	EXIT_MESSAGE VARCHAR(2500),
	LAST_UPDATED TIMESTAMP,
	constraint JOB_EXEC_STEP_FK foreign key (JOB_EXECUTION_ID)
	references BATCH_JOB_EXECUTION(JOB_EXECUTION_ID)
) ;

CREATE TABLE BATCH_STEP_EXECUTION_CONTEXT (
	STEP_EXECUTION_ID BIGINT NOT NULL PRIMARY KEY,
	SHORT_CONTEXT VARCHAR(2500) NOT NULL,
	SERIALIZED_CONTEXT TEXT,
	constraint STEP_EXEC_CTX_FK foreign key (STEP_EXECUTION_ID)
	references BATCH_STEP_EXECUTION(STEP_EXECUTION_ID)
) ;

CREATE TABLE BATCH_JOB_EXECUTION_CONTEXT (
	JOB_EXECUTION_ID BIGINT NOT NULL PRIMARY KEY,
	SHORT_CONTEXT VARCHAR(2500) NOT NULL,
	SERIALIZED_CONTEXT TEXT,
	constraint JOB_EXEC_CTX_FK foreign key (JOB_EXECUTION_ID)
	references BATCH_JOB_EXECUTION(JOB_EXECUTION_ID)
) ;

CREATE SEQUENCE BATCH_STEP_EXECUTION_SEQ MAXVALUE 9223372036854775807 NO CYCLE;
CREATE SEQUENCE BATCH_JOB_EXECUTION_SEQ MAXVALUE 9223372036854775807 NO CYCLE;
CREATE SEQUENCE BATCH_JOB_INSTANCE_SEQ MAXVALUE 9223372036854775807 NO CYCLE;

-- Business tables of the bulk issuance job (the same DDL as H2, plus what only PostgreSQL has: the "C" collation on key
-- and sort columns, the request table's fillfactor and a partial rerun index).
--
-- Keys and sort columns compare as bytes (COLLATE "C", code-point order), whatever the database's default collation.
-- Identifiers and hashes have no linguistic order, and comparing them through the locale (strcoll) cost a tenth of the
-- server's time in the stage and issue steps. The delivery manifest is sorted by zip code and address in this same
-- order, which is also the embedded database's order, so its parcels come out the same on any server locale.

-- Reference data owned by the platform; the job only reads it (the loader refreshes it for demo and tests).
CREATE TABLE wallet_member (
    user_id        DECIMAL(19,0)  NOT NULL PRIMARY KEY,   -- up to 19 digits: larger than a Java long
    user_name      VARCHAR(100)   NOT NULL,               -- NFC
    status         VARCHAR(10)    NOT NULL,               -- ACTIVE, DORMANT, WITHDRAWN (reference.MemberStatus)
    rrn_hash       CHAR(64)       NOT NULL,               -- HMAC-SHA-256 of the 13-digit RRN; the RRN itself is never stored
    mobile_wallet  CHAR(1)        NOT NULL                -- Y: an active mobile wallet can receive a mobile card
);

CREATE TABLE card_product (
    service_id          VARCHAR(15)  NOT NULL PRIMARY KEY,
    product_name        VARCHAR(100) NOT NULL,
    bank_code           CHAR(3)      NOT NULL,
    kind                VARCHAR(10)  NOT NULL,            -- DEBIT, DIGITAL
    issue_types         VARCHAR(30)  NOT NULL,            -- PHYSICAL, PRE_ISSUE or both joined by |
    cash_ic             CHAR(1)      NOT NULL,
    pre_issue           CHAR(1)      NOT NULL,
    sibling_service_id  VARCHAR(15),
    bin                 VARCHAR(8)   NOT NULL,
    card_length         INT          NOT NULL,
    validity_months     INT          NOT NULL,
    delivery_class      VARCHAR(12)  NOT NULL,            -- STANDARD, HOLDER_ONLY
    cvk_alias           VARCHAR(64)  NOT NULL,
    status              VARCHAR(10)  NOT NULL             -- ACTIVE, INACTIVE (reference.ProductStatus)
);

-- One row per card-number BIN: the next counter value not yet handed out. Ranges are taken in short transactions
-- of their own; a range taken and not used is simply skipped (numbers never need to be dense).
CREATE TABLE bin_counter (
    bin         VARCHAR(8) NOT NULL PRIMARY KEY,
    next_value  BIGINT     NOT NULL
);

-- One row per submitted batch: what was submitted, so a restart or resubmission can be checked against it.
CREATE TABLE issuance_batch (
    batch_id      VARCHAR(40)  NOT NULL PRIMARY KEY,
    run_date      DATE         NOT NULL,
    source        VARCHAR(10)  NOT NULL,                  -- CSV, STAGING
    input_name    VARCHAR(500),
    input_sha256  CHAR(64),
    encoding      VARCHAR(10),
    input_bom     CHAR(1),
    created_at    TIMESTAMP    NOT NULL
);

-- The request table: CSV rows are staged here; upstream systems write nightly requests here directly (the staging
-- table). Text is kept as received (trimmed, NFC, capped) so that rejections can be reported as submitted.
CREATE TABLE issuance_request (
    id                 BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    batch_id           VARCHAR(60)   COLLATE "C" NOT NULL,            -- 40 characters, or a preview's '<batchId>~preview'
    line_no            BIGINT        NOT NULL,
    request_id         VARCHAR(300)  COLLATE "C",
    user_id            VARCHAR(300),
    user_id_num        DECIMAL(19,0),                     -- set when userId is a valid number: joined to wallet_member
    user_name          VARCHAR(300),
    eng_name           VARCHAR(300),
    social_no_enc      VARCHAR(200),                      -- AES-256-GCM, Base64(iv||ciphertext||tag)
    social_no_key_id   CHAR(32),
    mobile_number      VARCHAR(300),
    exist_ocr_file     VARCHAR(300),
    bank_code          VARCHAR(300),
    account_no         VARCHAR(300),
    service_id         VARCHAR(300),
    issue_type         VARCHAR(300),
    with_cash_ic       VARCHAR(300),
    delivery_required  VARCHAR(300),
    zip_code           VARCHAR(300),
    address            VARCHAR(300),
    address_detail     VARCHAR(300),
    status             VARCHAR(10)   NOT NULL,            -- PENDING, ISSUED, REJECTED (request.RequestStatus)
    result_code        VARCHAR(7),
    result_message     VARCHAR(400),
    correlation_id     CHAR(20),
    created_at         TIMESTAMP     NOT NULL,
    processed_at       TIMESTAMP,
    -- A staging run claims the rows of its batch committed before it started (claim_run_date = its run date) and
    -- works on those only, so rows inserted while it runs are left for the next run. CSV batches leave it NULL.
    claim_run_date     DATE,
    -- The rerun (1, 2, ...) that last put this request through the issue step again; NULL: only the batch's own run.
    rerun_no           INT,
    CONSTRAINT uq_request_line UNIQUE (batch_id, line_no)
)
-- With no index on the columns the issue step updates, PostgreSQL can update a request row in place on its page (a
-- heap-only tuple: no new entry in any index), provided the page has room for the grown row. Staged rows are written
-- once and updated once, so half of each page is left free for that update.
WITH (fillfactor = 50);
-- The issue step reads each partition's PENDING rows by walking the unique key (batch_id, line_no) and filters on the
-- status: no index holds the status, which the step changes on every row it decides.
CREATE INDEX ix_request_request_id ON issuance_request (batch_id, request_id, line_no);
-- Only reruns set rerun_no: the index that finds a rerun's rows holds those rows only, so staging writes no entry.
CREATE INDEX ix_request_rerun ON issuance_request (batch_id, rerun_no, line_no) WHERE rerun_no IS NOT NULL;

-- One application per issued request; the unique keys make a replayed chunk fail instead of issuing twice.
-- request_pk names the request row, but no foreign key checks it on every insert: the writer inserts a chunk's
-- applications and cards and updates its request rows in one transaction, and nothing deletes an application or a
-- request that has one, so the reference holds by construction (the per-row checks cost about a sixth of the issue
-- step on PostgreSQL, measured). The same goes for card.card_apply_no.
CREATE TABLE card_application (
    card_apply_no         CHAR(22)      COLLATE "C" NOT NULL PRIMARY KEY,
    request_pk            BIGINT        NOT NULL,
    batch_id              VARCHAR(40)   COLLATE "C" NOT NULL,
    request_id            VARCHAR(40)   COLLATE "C" NOT NULL,
    user_id               DECIMAL(19,0) NOT NULL,
    service_id            VARCHAR(15)   NOT NULL,
    mobile_service_id     VARCHAR(15),
    issue_type            VARCHAR(10)   NOT NULL,
    with_cash_ic          CHAR(1)       NOT NULL,
    delivery_required     CHAR(1)       NOT NULL,
    delivery_class        VARCHAR(12)   COLLATE "C" NOT NULL,
    expiry_date           CHAR(8)       NOT NULL,
    physical_card_masked  VARCHAR(19)   NOT NULL,
    mobile_card_masked    VARCHAR(19),
    recipient_name        VARCHAR(100)  NOT NULL,        -- what the courier needs, as validated at issuance
    recipient_mobile      VARCHAR(13)   NOT NULL,
    zip_code              VARCHAR(5)    COLLATE "C",
    address               VARCHAR(255)  COLLATE "C",
    address_detail        VARCHAR(255)  COLLATE "C",
    correlation_id        CHAR(20)      NOT NULL,
    created_at            TIMESTAMP     NOT NULL,
    CONSTRAINT uq_application_request UNIQUE (request_pk),
    CONSTRAINT uq_application_batch_request UNIQUE (batch_id, request_id)
);

-- Card numbers: encrypted, with the key id beside the ciphertext, and unique by keyed hash.
CREATE TABLE card (
    pan_hash       CHAR(64)     COLLATE "C" NOT NULL PRIMARY KEY,
    card_apply_no  CHAR(22)     COLLATE "C" NOT NULL,
    card_role      VARCHAR(8)   COLLATE "C" NOT NULL,                 -- PHYSICAL, MOBILE
    service_id     VARCHAR(15)  NOT NULL,
    pan_enc        VARCHAR(100) NOT NULL,
    pan_key_id     CHAR(32)     NOT NULL,
    expiry_date    CHAR(8)      NOT NULL,
    CONSTRAINT uq_card_role UNIQUE (card_apply_no, card_role)
);

-- One row per lock key (a batch id): a run holds the row locked (SELECT ... FOR UPDATE NOWAIT) on a connection of its
-- own for as long as it runs. A second launch of the same batch is refused; a killed process's lock goes with its
-- connection, which is how a STARTED execution is known to be dead.
CREATE TABLE run_lock (
    lock_key    VARCHAR(100) NOT NULL PRIMARY KEY,
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
