-- Each application carries its request's line number, the last key of the delivery manifest's order, so that the
-- manifest of a whole batch is sorted from card_application alone instead of joining every request row for it
-- (docs/performance.md). Existing applications take it from their request row.
ALTER TABLE card_application ADD (line_no NUMBER(19,0));
UPDATE card_application a SET line_no = (SELECT r.line_no FROM issuance_request r WHERE r.id = a.request_pk);
ALTER TABLE card_application MODIFY (line_no NOT NULL);
