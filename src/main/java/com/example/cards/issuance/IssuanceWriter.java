package com.example.cards.issuance;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes a chunk's applications, cards and request statuses in the chunk's transaction, so they commit with the
 * checkpoint or not at all. The database's unique keys refuse a second application for a request; a request that is
 * no longer PENDING fails the chunk instead of being decided twice.
 */
public class IssuanceWriter implements ItemWriter<IssuanceOutcome> {

    private static final String INSERT_APPLICATION = """
            INSERT INTO card_application (card_apply_no, request_pk, batch_id, request_id, user_id, service_id,
                mobile_service_id, issue_type, with_cash_ic, delivery_required, delivery_class, expiry_date,
                physical_card_masked, mobile_card_masked, recipient_name, recipient_mobile, zip_code, address,
                address_detail, correlation_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final String INSERT_CARD = """
            INSERT INTO card (pan_hash, card_apply_no, card_role, service_id, pan_enc, pan_key_id, expiry_date)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";

    private static final String UPDATE_REQUEST = """
            UPDATE issuance_request SET status = ?, result_code = ?, result_message = ?, correlation_id = ?,
                   processed_at = ?
             WHERE id = ? AND status = 'PENDING'""";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public IssuanceWriter(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void write(Chunk<? extends IssuanceOutcome> chunk) {
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(clock));
        List<Object[]> applications = new ArrayList<>();
        List<Object[]> cards = new ArrayList<>();
        List<Object[]> statuses = new ArrayList<>(chunk.size());
        for (IssuanceOutcome outcome : chunk) {
            if (outcome.isIssued()) {
                IssuanceOutcome.Application a = outcome.application();
                applications.add(new Object[] { a.cardApplyNo(), outcome.requestPk(), a.batchId(), a.requestId(),
                        new BigDecimal(a.userId()), a.serviceId(),
                        a.mobileCard() == null ? null : a.mobileCard().serviceId(), a.issueType().name(),
                        yn(a.withCashIc()), yn(a.deliveryRequired()), a.deliveryClass(), a.expiryDate(),
                        a.physicalCard().masked(), a.mobileCard() == null ? null : a.mobileCard().masked(),
                        a.recipientName(), a.recipientMobile(), a.zipCode(), a.address(), a.addressDetail(),
                        outcome.correlationId(), now });
                cards.add(card(a, a.physicalCard(), "PHYSICAL"));
                if (a.mobileCard() != null) {
                    cards.add(card(a, a.mobileCard(), "MOBILE"));
                }
            }
            statuses.add(new Object[] { outcome.isIssued() ? "ISSUED" : "REJECTED", outcome.code().code(),
                    outcome.message(), outcome.correlationId(), now, outcome.requestPk() });
        }
        if (!applications.isEmpty()) {
            jdbc.batchUpdate(INSERT_APPLICATION, applications);
            jdbc.batchUpdate(INSERT_CARD, cards);
        }
        int[] updated = jdbc.batchUpdate(UPDATE_REQUEST, statuses);
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] == 0) {
                throw new IllegalStateException("request row " + statuses.get(i)[5]
                        + " is no longer PENDING: another run is processing this batch");
            }
        }
    }

    private static Object[] card(IssuanceOutcome.Application a, IssuedCard card, String role) {
        return new Object[] { card.panHash(), a.cardApplyNo(), role, card.serviceId(), card.pan().ciphertext(),
                card.pan().keyId(), a.expiryDate() };
    }

    private static String yn(boolean value) {
        return value ? "Y" : "N";
    }
}
