package com.example.cards.issue;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.example.cards.db.PostgresCopy;
import com.example.cards.request.RequestFields;
import com.example.cards.request.RequestOutcomes;
import com.example.cards.request.RequestStatus;
import com.example.cards.run.IssuanceCounters;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes a chunk's applications, cards and request outcomes, and the masked text of
 * request rows that held an RRN outside {@code socialNo}, in the chunk's transaction, so
 * they commit with the checkpoint or not at all. The request rows themselves are not
 * updated: each decision is a new row in {@code request_outcome}. The database's unique
 * keys refuse a second application for a request and a second outcome, so a request that
 * another process has decided fails the chunk instead of being decided twice.
 */
public class IssuanceWriter implements ItemWriter<IssuanceOutcome> {

    private static final String APPLICATION_COLUMNS = """
            card_apply_no, request_pk, batch_id, request_id, user_id, service_id, mobile_service_id, issue_type,
            with_cash_ic, delivery_required, delivery_class, expiry_date, physical_card_masked, mobile_card_masked,
            recipient_name, recipient_mobile, zip_code, address, address_detail, correlation_id, created_at, line_no""";

    private static final String INSERT_APPLICATION = "INSERT INTO card_application (" + APPLICATION_COLUMNS + ")\n"
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String CARD_COLUMNS = "pan_hash, card_apply_no, card_role, service_id, pan_enc, pan_key_id, expiry_date";

    private static final String INSERT_CARD = "INSERT INTO card (" + CARD_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)";

    /**
     * A request's text fields masked where they held an RRN-shaped value (only rows an
     * upstream system wrote to the staging table can still need it).
     */
    private static final String UPDATE_STORED_FIELDS = """
            UPDATE issuance_request
               SET request_id = ?, user_id = ?, user_name = ?, eng_name = ?, mobile_number = ?, exist_ocr_file = ?,
                   bank_code = ?, account_no = ?, service_id = ?, issue_type = ?, with_cash_ic = ?,
                   delivery_required = ?, zip_code = ?, address = ?, address_detail = ?
             WHERE id = ?""";

    private static final int SOCIAL_NO = RequestFields.COLUMNS.indexOf("socialNo");

    private final JdbcTemplate jdbc;

    private final Clock clock;

    private Boolean postgres;

    private final IssuanceCounters counters;

    public IssuanceWriter(JdbcTemplate jdbc, Clock clock) {
        this(jdbc, clock, null);
    }

    /**
     * @param counters counted once the chunk commits; null counts nothing
     */
    public IssuanceWriter(JdbcTemplate jdbc, Clock clock, IssuanceCounters counters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.counters = counters;
    }

    @Override
    public void write(Chunk<? extends IssuanceOutcome> chunk) {
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(clock));
        List<Object[]> applications = new ArrayList<>();
        List<Object[]> cards = new ArrayList<>();
        List<Object[]> outcomes = new ArrayList<>(chunk.size());
        List<Object[]> storedFields = new ArrayList<>();
        for (IssuanceOutcome outcome : chunk) {
            if (outcome.storedFields() != null) {
                storedFields.add(storedFields(outcome));
            }
            if (outcome.isIssued()) {
                IssuanceOutcome.Application a = outcome.application();
                applications.add(new Object[] { a.cardApplyNo(), outcome.requestPk(), a.batchId(), a.requestId(),
                        new BigDecimal(a.userId()), a.serviceId(),
                        a.mobileCard() == null ? null : a.mobileCard().serviceId(), a.issueType().name(),
                        yn(a.withCashIc()), yn(a.deliveryRequired()), a.deliveryClass(), a.expiryDate(),
                        a.physicalCard().masked(), a.mobileCard() == null ? null : a.mobileCard().masked(),
                        a.recipientName(), a.recipientMobile(), a.zipCode(), a.address(), a.addressDetail(),
                        outcome.correlationId(), now, a.lineNo() });
                cards.add(card(a, a.physicalCard(), "PHYSICAL"));
                if (a.mobileCard() != null) {
                    cards.add(card(a, a.mobileCard(), "MOBILE"));
                }
            }
            outcomes.add(new Object[] { outcome.requestPk(),
                    (outcome.isIssued() ? RequestStatus.ISSUED : RequestStatus.REJECTED).name(), outcome.code().code(),
                    outcome.message(), outcome.correlationId(), now });
        }
        if (!storedFields.isEmpty()) {
            jdbc.batchUpdate(UPDATE_STORED_FIELDS, storedFields);
        }
        if (postgres == null) {
            postgres = PostgresCopy.isPostgres(jdbc);
        }
        if (postgres) {
            writePostgres(applications, cards, outcomes);
            count(chunk, cards);
            return;
        }
        if (!applications.isEmpty()) {
            jdbc.batchUpdate(INSERT_APPLICATION, applications);
            jdbc.batchUpdate(INSERT_CARD, cards);
        }
        try {
            jdbc.batchUpdate(RequestOutcomes.INSERT, outcomes);
        }
        catch (DuplicateKeyException ex) {
            throw decidedElsewhere(ex);
        }
        count(chunk, cards);
    }

    /** The same rows with COPY. */
    private void writePostgres(List<Object[]> applications, List<Object[]> cards, List<Object[]> outcomes) {
        if (!applications.isEmpty()) {
            PostgresCopy.copy(jdbc, "card_application", APPLICATION_COLUMNS, applications);
            PostgresCopy.copy(jdbc, "card", CARD_COLUMNS, cards);
        }
        try {
            PostgresCopy.copy(jdbc, "request_outcome", RequestOutcomes.COLUMNS, outcomes);
        }
        catch (DuplicateKeyException ex) {
            throw decidedElsewhere(ex);
        }
    }

    /**
     * A request of the chunk already has an outcome, which only another process working
     * on the same batch can have written since the chunk's rows were read.
     */
    private static IllegalStateException decidedElsewhere(DuplicateKeyException ex) {
        return new IllegalStateException(
                "a request of this chunk already has an outcome: another run is processing this batch", ex);
    }

    /**
     * The chunk's outcomes, once written, counted when its transaction commits (a write
     * that failed and is retried counts only once).
     */
    private void count(Chunk<? extends IssuanceOutcome> chunk, List<Object[]> cards) {
        if (counters == null) {
            return;
        }
        long issued = 0;
        Map<String, Long> rejected = new TreeMap<>();
        for (IssuanceOutcome outcome : chunk) {
            if (outcome.isIssued()) {
                issued++;
            }
            else {
                rejected.merge(outcome.code().code(), 1L, Long::sum);
            }
        }
        Map<String, Long> roles = new TreeMap<>();
        for (Object[] card : cards) {
            roles.merge((String) card[2], 1L, Long::sum);
        }
        counters.issued(issued);
        rejected.forEach(counters::rejected);
        roles.forEach(counters::cards);
    }

    /**
     * The parameters of {@link #UPDATE_STORED_FIELDS}: the fields but socialNo, then the
     * id.
     */
    private static Object[] storedFields(IssuanceOutcome outcome) {
        List<Object> parameters = new ArrayList<>(outcome.storedFields().values());
        parameters.remove(SOCIAL_NO);
        parameters.add(outcome.requestPk());
        return parameters.toArray();
    }

    private static Object[] card(IssuanceOutcome.Application a, IssuedCard card, String role) {
        return new Object[] { card.panHash(), a.cardApplyNo(), role, card.serviceId(), card.pan().ciphertext(),
                card.pan().keyId(), a.expiryDate() };
    }

    private static String yn(boolean value) {
        return value ? "Y" : "N";
    }

}
