-- The issue step finds a batch's duplicate request ids in one pass over the batch on PostgreSQL
-- (PendingRequestReader), so nothing reads this index any more; keeping it cost a quarter of staging's COPY and an
-- index probe per request (docs/performance.md). H2 and Oracle keep it: they still look each row's first line up.
DROP INDEX ix_request_request_id;
