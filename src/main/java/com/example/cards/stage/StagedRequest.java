package com.example.cards.stage;

import java.math.BigDecimal;

import com.example.cards.crypto.Sealed;
import com.example.cards.request.RequestFields;
import com.example.cards.request.RequestStatus;

/**
 * A request row about to be written to the request table: PENDING for the issue step, or
 * already REJECTED because the record was malformed or failed a format rule.
 */
public record StagedRequest(long lineNo, RequestFields fields, Sealed socialNo, BigDecimal userIdNum,
        RequestStatus status, String resultCode, String resultMessage, String correlationId) {

    @Override
    public String toString() {
        return "StagedRequest[line=" + lineNo + ", status=" + status + "]";
    }
}
