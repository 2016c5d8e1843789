package com.example.cards.stage;

import java.math.BigDecimal;

import com.example.cards.crypto.FieldCipher;
import com.example.cards.request.CorrelationIds;
import com.example.cards.request.RequestFields;
import com.example.cards.request.RequestStatus;
import com.example.cards.request.RequestValidator;
import com.example.cards.request.ResultCode;
import com.example.cards.request.ValidRequest;
import com.example.cards.request.Validation;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Turns a record of the request file into a request row: text trimmed and NFC-normalised,
 * the RRN encrypted, and a record that is malformed or breaks a format rule marked
 * REJECTED with {@code 000_002} at once. Nothing is dropped.
 */
public class StagingProcessor implements ItemProcessor<SourceRecord, StagedRequest> {

    static final int MAX_RRN = 40;

    private final RequestValidator validator;

    private final FieldCipher cipher;

    private final CorrelationIds correlationIds;

    public StagingProcessor(RequestValidator validator, FieldCipher cipher, CorrelationIds correlationIds) {
        this.validator = validator;
        this.cipher = cipher;
        this.correlationIds = correlationIds;
    }

    @Override
    public StagedRequest process(SourceRecord record) {
        if (record.isMalformed()) {
            return new StagedRequest(record.lineNo(), null, null, null, RequestStatus.REJECTED,
                    ResultCode.INVALID_INPUT.code(),
                    ResultCode.INVALID_INPUT.messageFor("record (" + record.problem() + ")"), correlationIds.next());
        }
        RequestFields normalized = RequestValidator.normalize(record.fields());
        Validation validation = validator.validate(normalized);
        String socialNo = normalized.socialNo();
        var sealed = socialNo == null || socialNo.isEmpty() ? null
                : cipher.seal(RequestValidator.cut(socialNo, MAX_RRN));
        RequestFields stored = RequestValidator.storable(normalized).withSocialNo(null);
        if (validation instanceof Validation.Invalid invalid) {
            return new StagedRequest(record.lineNo(), stored, sealed, null, RequestStatus.REJECTED,
                    ResultCode.INVALID_INPUT.code(), ResultCode.INVALID_INPUT.messageFor(invalid.field()),
                    correlationIds.next());
        }
        ValidRequest valid = ((Validation.Valid) validation).request();
        return new StagedRequest(record.lineNo(), stored, sealed, new BigDecimal(valid.userId()), RequestStatus.PENDING,
                null, null, null);
    }

}
