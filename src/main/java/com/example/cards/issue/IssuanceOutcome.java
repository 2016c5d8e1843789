package com.example.cards.issue;

import java.math.BigInteger;

import com.example.cards.request.IssueType;
import com.example.cards.request.RequestFields;
import com.example.cards.request.ResultCode;

/**
 * What the processor decided for one request: a result code, and for a success the
 * application to store.
 *
 * @param storedFields the request's text fields as its row must hold them from now on
 * (RRN-shaped values masked,
 * {@link com.example.cards.request.RequestValidator#storable}), or {@code null} when the
 * row already holds them so
 */
public record IssuanceOutcome(long requestPk, String correlationId, ResultCode code, String message,
        Application application, RequestFields storedFields) {

    public IssuanceOutcome(long requestPk, String correlationId, ResultCode code, String message,
            Application application) {
        this(requestPk, correlationId, code, message, application, null);
    }

    public static IssuanceOutcome rejected(long requestPk, String correlationId, ResultCode code, String field) {
        return new IssuanceOutcome(requestPk, correlationId, code, code.messageFor(field), null);
    }

    public static IssuanceOutcome issued(long requestPk, String correlationId, Application application) {
        return new IssuanceOutcome(requestPk, correlationId, ResultCode.SUCCESS, ResultCode.SUCCESS.message(),
                application);
    }

    /** The same outcome, with the text fields its request row must be rewritten with. */
    public IssuanceOutcome withStoredFields(RequestFields fields) {
        return new IssuanceOutcome(requestPk, correlationId, code, message, application, fields);
    }

    public boolean isIssued() {
        return application != null;
    }

    /**
     * A card application and the cards issued under it; delivery fields are what goes on
     * the manifest, and the request's line number orders it.
     */
    public record Application(String cardApplyNo, String batchId, String requestId, long lineNo, BigInteger userId,
            String serviceId, IssueType issueType, boolean withCashIc, boolean deliveryRequired, String deliveryClass,
            String expiryDate, IssuedCard physicalCard, IssuedCard mobileCard, String recipientName,
            String recipientMobile, String zipCode, String address, String addressDetail) {
    }
}
