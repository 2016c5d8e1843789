-- A mobile card handed over to the wallet is recorded as a narrow row of its own, instead of by updating the card's
-- row (wallet_handoff N -> Y), which rewrote a wide row per card (docs/performance.md).
CREATE TABLE wallet_handoff (
    card_apply_no  CHAR(22 CHAR)  NOT NULL PRIMARY KEY,
    handed_at      TIMESTAMP      DEFAULT CURRENT_TIMESTAMP NOT NULL
);
INSERT INTO wallet_handoff (card_apply_no) SELECT card_apply_no FROM card WHERE card_role = 'MOBILE' AND wallet_handoff = 'Y';
ALTER TABLE card DROP COLUMN wallet_handoff;
