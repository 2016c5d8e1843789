-- Embedded H2 only: the job's fixed-width text columns become VARCHAR of the same length. Every value the job writes
-- fills its column's width (hashes, key ids, card application numbers, correlation ids, dates, Y/N flags), so nothing
-- it reads or compares changes; but H2 pads and converts every CHAR value it stores, compares or returns, and that
-- conversion was a tenth of the issue step's time in H2's engine (docs/performance.md). PostgreSQL and Oracle keep CHAR.
ALTER TABLE wallet_member ALTER COLUMN rrn_hash SET DATA TYPE VARCHAR(64);
ALTER TABLE wallet_member ALTER COLUMN mobile_wallet SET DATA TYPE VARCHAR(1);
ALTER TABLE card_product ALTER COLUMN bank_code SET DATA TYPE VARCHAR(3);
ALTER TABLE card_product ALTER COLUMN cash_ic SET DATA TYPE VARCHAR(1);
ALTER TABLE card_product ALTER COLUMN pre_issue SET DATA TYPE VARCHAR(1);
ALTER TABLE issuance_batch ALTER COLUMN input_sha256 SET DATA TYPE VARCHAR(64);
ALTER TABLE issuance_batch ALTER COLUMN input_bom SET DATA TYPE VARCHAR(1);
ALTER TABLE issuance_request ALTER COLUMN social_no_key_id SET DATA TYPE VARCHAR(32);
ALTER TABLE issuance_request ALTER COLUMN correlation_id SET DATA TYPE VARCHAR(20);
ALTER TABLE card_application ALTER COLUMN card_apply_no SET DATA TYPE VARCHAR(22);
ALTER TABLE card_application ALTER COLUMN with_cash_ic SET DATA TYPE VARCHAR(1);
ALTER TABLE card_application ALTER COLUMN delivery_required SET DATA TYPE VARCHAR(1);
ALTER TABLE card_application ALTER COLUMN expiry_date SET DATA TYPE VARCHAR(8);
ALTER TABLE card_application ALTER COLUMN correlation_id SET DATA TYPE VARCHAR(20);
ALTER TABLE card ALTER COLUMN pan_hash SET DATA TYPE VARCHAR(64);
ALTER TABLE card ALTER COLUMN card_apply_no SET DATA TYPE VARCHAR(22);
ALTER TABLE card ALTER COLUMN pan_key_id SET DATA TYPE VARCHAR(32);
ALTER TABLE card ALTER COLUMN expiry_date SET DATA TYPE VARCHAR(8);
ALTER TABLE card ALTER COLUMN wallet_handoff SET DATA TYPE VARCHAR(1);
ALTER TABLE request_attempt ALTER COLUMN correlation_id SET DATA TYPE VARCHAR(20);
