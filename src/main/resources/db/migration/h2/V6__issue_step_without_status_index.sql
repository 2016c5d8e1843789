-- The issue step now reads each partition's PENDING rows by walking the unique key (batch_id, line_no) and filters
-- on the status. An index that holds the status is rewritten by every row the step decides, so it goes.
DROP INDEX ix_request_pending;
