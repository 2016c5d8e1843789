package com.example.cards.issue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.example.cards.crypto.FieldCipher;
import com.example.cards.crypto.KeyRing;
import com.example.cards.crypto.Sealed;
import com.example.cards.db.PostgresCopy;
import com.example.cards.run.RunParameters;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands the batch's new mobile cards to the member's wallet ({@link WalletProvisioning})
 * once they exist: it runs after the issue step, so it reads only committed cards, and a
 * chunk that rolled back has handed nothing over. A mobile card handed over gets a row in
 * {@code wallet_handoff}, a narrow table of its own, so the card's wide row is never
 * written again. Cards are read in pages of the chunk size (by request id); each card of
 * a page is handed over in turn, and the cards the wallet accepted are then recorded
 * together, in one transaction per page. A failed hand-off records the cards handed over
 * before it, then fails the step, so a restart hands over exactly the cards without a
 * row: none twice. Only a process killed between a wallet's answer and its page's commit
 * hands cards over again on restart, at most one page of them, each under its own
 * {@code cardApplyNo} for the platform to recognise. One commit per page instead of one
 * per card is what keeps this step small beside the issue step.
 *
 * <p>
 * The CVC is derived here from the stored card number and expiry with the mobile
 * product's CVK, as at issuance, and passes straight to the hand-off: never stored, never
 * logged.
 */
public class WalletHandOffTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(WalletHandOffTasklet.class);

    /** The card schemes' service code for the printed (and mobile) CVC2. */
    static final String CVC2_SERVICE_CODE = "000";

    /**
     * A page of the batch's mobile cards not yet handed over, in request-id order: driven
     * by the applications' unique key on the batch and request id, so each page is an
     * index range, not a scan of every card. The batch id leads the ORDER BY although it
     * is fixed: only an ORDER BY that is a prefix of that key lets H2 read the index in
     * order and stop at the page's end, instead of joining and sorting every card left.
     */
    private static final String PENDING = """
            SELECT a.request_id, a.user_id, a.card_apply_no, c.pan_key_id, c.pan_enc, c.expiry_date, p.cvk_alias
              FROM card_application a
              JOIN card c ON c.card_apply_no = a.card_apply_no AND c.card_role = 'MOBILE'
              JOIN card_product p ON p.service_id = c.service_id
             WHERE a.batch_id = ? AND a.mobile_service_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM wallet_handoff w WHERE w.card_apply_no = a.card_apply_no) %s
             ORDER BY a.batch_id, a.request_id
             FETCH FIRST %d ROWS ONLY
            """;

    /**
     * Records a card as handed over, by its application's number: the numbers ascend with
     * the run, so a page's rows go to neighbouring index pages.
     */
    private static final String MARK = "INSERT INTO wallet_handoff (card_apply_no) VALUES (?)";

    private static final RowMapper<Pending> PENDING_CARD = (rs, i) -> new Pending(rs.getString(1),
            rs.getBigDecimal(2).toBigIntegerExact(), rs.getString(3).strip(),
            new Sealed(rs.getString(4).strip(), rs.getString(5)), rs.getString(6).strip(), rs.getString(7));

    private final String firstPage;

    private final String nextPage;

    private final int pageSize;

    private final JdbcTemplate jdbc;

    private final FieldCipher cipher;

    private final KeyRing keys;

    private final WalletProvisioning wallet;

    private final TransactionTemplate perPage;

    private final Map<String, CvcCalculator> calculators = new ConcurrentHashMap<>();

    /**
     * @param pageSize the cards read, handed over and marked per page (the chunk size):
     * at most this many are handed over again after a kill
     */
    public WalletHandOffTasklet(JdbcTemplate jdbc, FieldCipher cipher, KeyRing keys, WalletProvisioning wallet,
            PlatformTransactionManager transactions, int pageSize) {
        this.pageSize = pageSize;
        this.firstPage = PENDING.formatted("", pageSize);
        this.nextPage = PENDING.formatted("AND a.request_id > ?", pageSize);
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.keys = keys;
        this.wallet = wallet;
        this.perPage = new TransactionTemplate(transactions);
        this.perPage.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        String batchId = chunkContext.getStepContext()
            .getStepExecution()
            .getJobParameters()
            .getString(RunParameters.BATCH_ID);
        if (PostgresCopy.isPostgres(this.jdbc)) {
            // The pages are read in the step's transaction, on its connection, and
            // without parallel plans: PostgreSQL would start two workers for a page of
            // 500 cards, which cost more than the page (32 ms against 2.5 ms of work at
            // 1,000,000 requests, docs/performance.md).
            this.jdbc.execute("SET LOCAL max_parallel_workers_per_gather = 0");
        }
        String after = null;
        long handedOver = 0;
        while (true) {
            List<Pending> page = (after == null) ? this.jdbc.query(this.firstPage, PENDING_CARD, batchId)
                    : this.jdbc.query(this.nextPage, PENDING_CARD, batchId, after);
            handedOver += handOver(page);
            if (page.size() < this.pageSize) {
                break;
            }
            after = page.get(page.size() - 1).requestId();
        }
        contribution.incrementWriteCount(handedOver);
        log.info("Batch {}: handed {} mobile cards to the wallet", batchId, handedOver);
        return RepeatStatus.FINISHED;
    }

    /**
     * Hands over a page's cards one by one, then marks those the wallet accepted in one
     * transaction, also when a hand-off failed midway.
     */
    private long handOver(List<Pending> page) {
        List<Pending> handed = new ArrayList<>(page.size());
        try {
            for (Pending card : page) {
                handOver(card);
                handed.add(card);
            }
        }
        catch (RuntimeException ex) {
            try {
                markHandedOver(handed);
            }
            catch (RuntimeException markFailure) {
                ex.addSuppressed(markFailure);
            }
            throw ex;
        }
        markHandedOver(handed);
        return handed.size();
    }

    private void handOver(Pending card) {
        String pan = this.cipher.open(card.pan());
        String yymm = card.expiry().substring(2, 6);
        String cvc = this.calculators.computeIfAbsent(card.cvkAlias(), this::calculator)
            .cvv(pan, yymm, CVC2_SERVICE_CODE);
        this.wallet.provision(card.userId(), card.cardApplyNo(), pan, yymm, cvc);
    }

    private void markHandedOver(List<Pending> handed) {
        if (handed.isEmpty()) {
            return;
        }
        this.perPage.executeWithoutResult((status) -> this.jdbc.batchUpdate(MARK,
                handed.stream().map((card) -> new Object[] { card.cardApplyNo() }).toList()));
    }

    private CvcCalculator calculator(String cvkAlias) {
        return CvcCalculator.of(this.keys.cvk(cvkAlias));
    }

    private record Pending(String requestId, BigInteger userId, String cardApplyNo, Sealed pan, String expiry,
            String cvkAlias) {

        @Override
        public String toString() {
            return "Pending[" + this.cardApplyNo + "]";
        }

    }

}
