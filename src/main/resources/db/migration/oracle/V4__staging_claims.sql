-- Staging-table source (Oracle). Upstream systems insert PENDING rows into issuance_request; a staging run claims the
-- rows of its batch that were committed before it started (claim_run_date = its run date) and works on those only, so
-- rows inserted while it runs are left for the next run. CSV batches never use the column (it stays NULL).
ALTER TABLE issuance_request ADD (claim_run_date DATE);

-- One row per run date of the nightly run over all staging batches: its cut-off, and whether it completed.
CREATE TABLE nightly_run (
    run_date      DATE       NOT NULL PRIMARY KEY,
    cutoff        TIMESTAMP  NOT NULL,
    started_at    TIMESTAMP  NOT NULL,
    completed_at  TIMESTAMP
);
