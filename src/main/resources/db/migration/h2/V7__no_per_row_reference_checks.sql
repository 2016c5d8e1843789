-- The writer inserts a chunk's applications and cards and updates its request rows in one transaction, and nothing
-- deletes an application or a request that has one, so these two references always hold. Enforcing them as foreign
-- keys made the database look up (and lock) the parent row for every application and every card: about a sixth of
-- the issue step on PostgreSQL, measured. The unique keys that stop a request or a card number from being issued
-- twice stay (uq_application_request, uq_application_batch_request, the card's primary key pan_hash).
ALTER TABLE card DROP CONSTRAINT fk_card_application;
ALTER TABLE card_application DROP CONSTRAINT fk_application_request;
