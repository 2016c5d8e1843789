-- The wallet hand-off status of a mobile card: N until WalletHandOffTasklet has handed it to the member's wallet,
-- after its chunk committed; Y once handed over (in the transaction that commits after the hand-off). Cards issued
-- before this column existed were handed over inside their chunk, so they are Y. Physical cards keep N, unused.
ALTER TABLE card ADD COLUMN wallet_handoff CHAR(1) DEFAULT 'N' NOT NULL;
UPDATE card SET wallet_handoff = 'Y' WHERE card_role = 'MOBILE';
