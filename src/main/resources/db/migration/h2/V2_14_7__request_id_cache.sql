-- The request table's identity reserves ids 100,000 at a time instead of H2's default 32. H2 writes a sequence's
-- reserved value with a commit of its own, and that commit stores every page changed since the last store: the
-- staging step paid about 31 such stores per chunk of 1,000 rows, a quarter of its time (docs/performance.md). After
-- a crash the unused rest of a reserved range is skipped, never handed out again: the ids are surrogate keys, and
-- nothing reads meaning into their gaps.
ALTER TABLE issuance_request ALTER COLUMN id SET CACHE 100000;
