-- A mobile card handed over to the wallet is recorded as a narrow row of its own, instead of by updating the card's
-- row (wallet_handoff N -> Y), so the card table no longer keeps a quarter of each page free for that update
-- (V2_14_1): its pages are full again, which makes the issue step's COPY into it cheaper (docs/performance.md).
CREATE TABLE wallet_handoff (
    card_apply_no  CHAR(22)   COLLATE "C" NOT NULL PRIMARY KEY,
    handed_at      TIMESTAMP  NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO wallet_handoff (card_apply_no) SELECT card_apply_no FROM card WHERE card_role = 'MOBILE' AND wallet_handoff = 'Y';
ALTER TABLE card DROP COLUMN wallet_handoff;
ALTER TABLE card SET (fillfactor = 100);
