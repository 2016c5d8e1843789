package com.example.cards.issue;

import java.time.LocalDate;

import com.example.cards.crypto.FieldCipher;
import com.example.cards.crypto.KeyedHash;
import com.example.cards.crypto.Masking;
import com.example.cards.crypto.Sealed;
import com.example.cards.reference.Product;
import com.example.cards.reference.ProductCatalog;
import com.example.cards.request.CorrelationIds;
import com.example.cards.request.RequestFields;
import com.example.cards.request.RequestValidator;
import com.example.cards.request.ValidRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Applies the one set of issuance rules ({@link IssuanceRules}) to every request whatever
 * its source, and issues what they approve: the first rule that fails decides the result
 * code, and a request that fails issues nothing at all.
 */
public class IssuanceProcessor implements ItemProcessor<PendingRequest, IssuanceOutcome> {

    private static final Logger log = LoggerFactory.getLogger(IssuanceProcessor.class);

    private final String batchId;

    private final LocalDate runDate;

    private final IssuanceRules rules;

    private final ProductCatalog products;

    private final FieldCipher cipher;

    private final KeyedHash keyedHash;

    private final CardNumberAllocator cardNumbers;

    private final CardApplyNumbers applyNumbers;

    private final CorrelationIds correlationIds;

    public IssuanceProcessor(String batchId, LocalDate runDate, RequestValidator validator, ProductCatalog products,
            FieldCipher cipher, KeyedHash keyedHash, CardNumberAllocator cardNumbers, CardApplyNumbers applyNumbers,
            CorrelationIds correlationIds) {
        this.batchId = batchId;
        this.runDate = runDate;
        this.rules = new IssuanceRules(validator, products, cipher, keyedHash);
        this.products = products;
        this.cipher = cipher;
        this.keyedHash = keyedHash;
        this.cardNumbers = cardNumbers;
        this.applyNumbers = applyNumbers;
        this.correlationIds = correlationIds;
    }

    @Override
    public IssuanceOutcome process(PendingRequest item) {
        String correlationId = correlationIds.next();
        MDC.put("correlationId", correlationId);
        try {
            IssuanceOutcome outcome = decide(item, correlationId);
            // An upstream system may have written an RRN into any column of the staging
            // table: the row keeps it masked only, rewritten with its outcome.
            RequestFields stored = RequestValidator.storable(item.fields());
            if (!stored.equals(item.fields())) {
                outcome = outcome.withStoredFields(stored);
            }
            log.debug("line {} {} {}", item.lineNo(), outcome.code().code(),
                    outcome.isIssued() ? "issued" : "rejected");
            return outcome;
        }
        finally {
            MDC.remove("correlationId");
        }
    }

    private IssuanceOutcome decide(PendingRequest item, String correlationId) {
        IssuanceRules.Decision decision = rules.decide(item);
        if (decision instanceof IssuanceRules.Rejected rejected) {
            return IssuanceOutcome.rejected(item.id(), correlationId, rejected.code(), rejected.field());
        }
        IssuanceRules.Approved approved = (IssuanceRules.Approved) decision;
        return IssuanceOutcome.issued(item.id(), correlationId,
                issue(approved.request(), item.lineNo(), approved.product(), approved.digital()));
    }

    private IssuanceOutcome.Application issue(ValidRequest request, long lineNo, Product product, Product digital) {
        LocalDate expiry = ExpiryCalculator.expiry(runDate, product.validityMonths());
        String applyNo = applyNumbers.next(runDate);
        IssuedCard physical = card(product, cardNumbers.next(product, products.binsNestedIn(product.bin())));
        IssuedCard mobile = null;
        if (digital != null) {
            // The mobile card is linked to the plastic that follows, so it carries the
            // plastic's expiry. It is handed to the wallet only once its chunk has
            // committed (WalletHandOffTasklet).
            mobile = card(digital, cardNumbers.next(digital, products.binsNestedIn(digital.bin())));
        }
        return new IssuanceOutcome.Application(applyNo, batchId, request.requestId(), lineNo, request.userId(),
                product.serviceId(), request.issueType(), request.withCashIc(), request.deliveryRequired(),
                product.deliveryClass(), ExpiryCalculator.yyyymmdd(expiry), physical, mobile, request.userName(),
                request.mobileNumber(), request.zipCode(), request.address(), request.addressDetail());
    }

    private IssuedCard card(Product product, String pan) {
        Sealed sealed = cipher.seal(pan);
        return new IssuedCard(product.serviceId(), keyedHash.digest(pan), sealed, Masking.pan(pan));
    }

}
