-- The wallet hand-off marks each mobile card once (wallet_handoff N -> Y). With full pages PostgreSQL writes the new
-- row version to another page and adds it to every index of card, the random pan_hash key included; with a quarter
-- of each new page kept free the mark stays on its page and touches no index (a heap-only update). Applies to pages
-- written from now on (docs/performance.md).
ALTER TABLE card SET (fillfactor = 75);
