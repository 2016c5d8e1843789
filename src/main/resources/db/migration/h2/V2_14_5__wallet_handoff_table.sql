-- A mobile card handed over to the wallet is recorded as a narrow row of its own, instead of by updating the card's
-- row (wallet_handoff N -> Y). On H2 that update wrote every page of the card table once more, its numbers and all:
-- two thirds of the hand-off step went into those commits (docs/performance.md).
CREATE TABLE wallet_handoff (
    card_apply_no  VARCHAR(22)  NOT NULL PRIMARY KEY,
    handed_at      TIMESTAMP    DEFAULT CURRENT_TIMESTAMP NOT NULL
);
INSERT INTO wallet_handoff (card_apply_no) SELECT card_apply_no FROM card WHERE card_role = 'MOBILE' AND wallet_handoff = 'Y';
ALTER TABLE card DROP COLUMN wallet_handoff;
