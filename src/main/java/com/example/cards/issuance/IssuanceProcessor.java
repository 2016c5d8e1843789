package com.example.cards.issuance;

import java.time.LocalDate;

import com.example.cards.crypto.CvkPair;
import com.example.cards.crypto.FieldCipher;
import com.example.cards.crypto.KeyRing;
import com.example.cards.crypto.KeyedHash;
import com.example.cards.crypto.Masking;
import com.example.cards.crypto.Sealed;
import com.example.cards.request.IssueType;
import com.example.cards.request.RequestValidator;
import com.example.cards.request.ValidRequest;
import com.example.cards.request.Validation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * The one set of issuance rules (domain.md section 3), applied to every request whatever its source: the first rule
 * that fails decides the result code, and a request that fails issues nothing at all.
 */
public class IssuanceProcessor implements ItemProcessor<PendingRequest, IssuanceOutcome> {

    private static final Logger log = LoggerFactory.getLogger(IssuanceProcessor.class);

    /** The card schemes' service code for the printed (and mobile) CVC2. */
    static final String CVC2_SERVICE_CODE = "000";

    private final String batchId;
    private final LocalDate runDate;
    private final RequestValidator validator;
    private final ProductCatalog products;
    private final FieldCipher cipher;
    private final KeyedHash keyedHash;
    private final KeyRing keys;
    private final CardNumberAllocator cardNumbers;
    private final CardApplyNumbers applyNumbers;
    private final CorrelationIds correlationIds;
    private final WalletProvisioning wallet;

    public IssuanceProcessor(String batchId, LocalDate runDate, RequestValidator validator, ProductCatalog products,
            FieldCipher cipher, KeyedHash keyedHash, KeyRing keys, CardNumberAllocator cardNumbers,
            CardApplyNumbers applyNumbers, CorrelationIds correlationIds, WalletProvisioning wallet) {
        this.batchId = batchId;
        this.runDate = runDate;
        this.validator = validator;
        this.products = products;
        this.cipher = cipher;
        this.keyedHash = keyedHash;
        this.keys = keys;
        this.cardNumbers = cardNumbers;
        this.applyNumbers = applyNumbers;
        this.correlationIds = correlationIds;
        this.wallet = wallet;
    }

    @Override
    public IssuanceOutcome process(PendingRequest item) {
        String correlationId = correlationIds.next();
        MDC.put("correlationId", correlationId);
        try {
            IssuanceOutcome outcome = decide(item, correlationId);
            log.debug("line {} {} {}", item.lineNo(), outcome.code().code(), outcome.isIssued() ? "issued" : "rejected");
            return outcome;
        }
        finally {
            MDC.remove("correlationId");
        }
    }

    private IssuanceOutcome decide(PendingRequest item, String correlationId) {
        String rrn = item.socialNo() == null ? null : cipher.open(item.socialNo());
        Validation validation = validator.validate(item.fields().withSocialNo(rrn));
        if (validation instanceof Validation.Invalid invalid) {
            return reject(item, correlationId, ResultCode.INVALID_INPUT, invalid.field());
        }
        ValidRequest request = ((Validation.Valid) validation).request();
        if (item.duplicate()) {
            return reject(item, correlationId, ResultCode.DUPLICATE_IN_BATCH, null);
        }
        Member member = item.member();
        if (member == null || !member.isActive()) {
            return reject(item, correlationId, ResultCode.USER_NOT_FOUND, null);
        }
        Product product = products.find(request.serviceId());
        if (product == null || !product.isActiveDebit()) {
            return reject(item, correlationId, ResultCode.INVALID_INPUT, "serviceId");
        }
        if (!product.bankCode().equals(request.bankCode())) {
            return reject(item, correlationId, ResultCode.SERVICE_NOT_OF_BANK, null);
        }
        if (!product.issueTypes().contains(request.issueType())) {
            return reject(item, correlationId, ResultCode.ISSUE_TYPE_NOT_OFFERED, null);
        }
        if (request.withCashIc() && !product.cashIc()) {
            return reject(item, correlationId, ResultCode.APPLET_NOT_SUPPORTED, null);
        }
        boolean preIssue = request.issueType() == IssueType.PRE_ISSUE;
        if (preIssue && !product.preIssue()) {
            return reject(item, correlationId, ResultCode.NOT_PRE_ISSUE_SERVICE, null);
        }
        Product digital = preIssue ? products.find(product.siblingServiceId()) : null;
        if (preIssue && (digital == null || !digital.isActiveDigital())) {
            return reject(item, correlationId, ResultCode.NO_SIBLING_SERVICE, null);
        }
        if (!keyedHash.hash(request.rrn()).equals(member.rrnHash()) || !request.userName().equals(member.userName())) {
            return reject(item, correlationId, ResultCode.AUTHENTICATION_FAILED, null);
        }
        if (preIssue && !member.mobileWallet()) {
            return reject(item, correlationId, ResultCode.DIGITAL_CARD_DOWNLOAD_FAILED, null);
        }
        return IssuanceOutcome.issued(item.id(), correlationId, issue(request, product, digital));
    }

    private IssuanceOutcome.Application issue(ValidRequest request, Product product, Product digital) {
        LocalDate expiry = ExpiryCalculator.expiry(runDate, product.validityMonths());
        String applyNo = applyNumbers.next(runDate);
        IssuedCard physical = card(product, cardNumbers.next(product));
        IssuedCard mobile = null;
        if (digital != null) {
            // The mobile card is linked to the plastic that follows, so it carries the plastic's expiry.
            String pan = cardNumbers.next(digital);
            CvkPair cvk = keys.cvk(digital.cvkAlias());
            String yymm = ExpiryCalculator.yymm(expiry);
            wallet.provision(request.userId(), applyNo, pan, yymm,
                    CvcCalculator.cvv(pan, yymm, CVC2_SERVICE_CODE, cvk.keyA(), cvk.keyB()));
            mobile = card(digital, pan);
        }
        return new IssuanceOutcome.Application(applyNo, batchId, request.requestId(), request.userId(),
                product.serviceId(), request.issueType(), request.withCashIc(), request.deliveryRequired(),
                product.deliveryClass(), ExpiryCalculator.yyyymmdd(expiry), physical, mobile, request.userName(),
                request.mobileNumber(), request.zipCode(), request.address(), request.addressDetail());
    }

    private IssuedCard card(Product product, String pan) {
        Sealed sealed = cipher.seal(pan);
        return new IssuedCard(product.serviceId(), keyedHash.hash(pan), sealed, Masking.pan(pan));
    }

    private IssuanceOutcome reject(PendingRequest item, String correlationId, ResultCode code, String field) {
        return IssuanceOutcome.rejected(item.id(), correlationId, code, field);
    }
}
