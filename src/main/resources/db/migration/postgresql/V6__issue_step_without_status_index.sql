-- The issue step now reads each partition's PENDING rows by walking the unique key (batch_id, line_no) and filters
-- on the status. An index that holds the status is rewritten by every row the step decides, so it goes.
DROP INDEX ix_request_pending;

-- With no index on the columns the issue step updates, PostgreSQL can update a request row in place on its page
-- (a heap-only tuple: no new entry in any index), provided the page has room for the grown row. Staged rows are
-- written once and updated once, so leave a fifth of each page free for that update.
ALTER TABLE issuance_request SET (fillfactor = 50);
