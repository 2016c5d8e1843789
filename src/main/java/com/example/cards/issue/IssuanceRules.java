package com.example.cards.issue;

import com.example.cards.crypto.FieldCipher;
import com.example.cards.crypto.KeyedHash;
import com.example.cards.reference.Member;
import com.example.cards.reference.Product;
import com.example.cards.reference.ProductCatalog;
import com.example.cards.request.IssueType;
import com.example.cards.request.RequestValidator;
import com.example.cards.request.ResultCode;
import com.example.cards.request.ValidRequest;
import com.example.cards.request.Validation;

/**
 * The decision half of issuance (domain.md section 3): which result code a request ends
 * with, without issuing anything. {@link IssuanceProcessor} issues what this approves; a
 * preview runs only this, so both apply the very same rules in the very same order.
 */
public final class IssuanceRules {

    private final RequestValidator validator;

    private final ProductCatalog products;

    private final FieldCipher cipher;

    private final KeyedHash keyedHash;

    public IssuanceRules(RequestValidator validator, ProductCatalog products, FieldCipher cipher, KeyedHash keyedHash) {
        this.validator = validator;
        this.products = products;
        this.cipher = cipher;
        this.keyedHash = keyedHash;
    }

    /** What the rules decided for one request. */
    public sealed interface Decision permits Rejected, Approved {

    }

    /**
     * The first rule that failed: its code, and for {@code 000_002} the field it names.
     */
    public record Rejected(ResultCode code, String field) implements Decision {
    }

    /**
     * Every rule passed: the request, its product, and for a PRE_ISSUE the sibling
     * digital product.
     */
    public record Approved(ValidRequest request, Product product, Product digital) implements Decision {
    }

    public Decision decide(PendingRequest item) {
        String rrn = item.socialNo() == null ? null : cipher.open(item.socialNo());
        Validation validation = validator.validate(item.fields().withSocialNo(rrn));
        if (validation instanceof Validation.Invalid invalid) {
            return new Rejected(ResultCode.INVALID_INPUT, invalid.field());
        }
        ValidRequest request = ((Validation.Valid) validation).request();
        if (item.duplicate()) {
            return new Rejected(ResultCode.DUPLICATE_IN_BATCH, null);
        }
        Member member = item.member();
        if (member == null || !member.isActive()) {
            return new Rejected(ResultCode.USER_NOT_FOUND, null);
        }
        Product product = products.find(request.serviceId());
        if (product == null || !product.isActiveDebit()) {
            return new Rejected(ResultCode.INVALID_INPUT, "serviceId");
        }
        if (!product.bankCode().equals(request.bankCode())) {
            return new Rejected(ResultCode.SERVICE_NOT_OF_BANK, null);
        }
        if (!product.issueTypes().contains(request.issueType())) {
            return new Rejected(ResultCode.ISSUE_TYPE_NOT_OFFERED, null);
        }
        if (request.withCashIc() && !product.cashIc()) {
            return new Rejected(ResultCode.APPLET_NOT_SUPPORTED, null);
        }
        boolean preIssue = request.issueType() == IssueType.PRE_ISSUE;
        if (preIssue && !product.preIssue()) {
            return new Rejected(ResultCode.NOT_PRE_ISSUE_SERVICE, null);
        }
        Product digital = preIssue ? products.find(product.siblingServiceId()) : null;
        if (preIssue && (digital == null || !digital.isActiveDigital())) {
            return new Rejected(ResultCode.NO_SIBLING_SERVICE, null);
        }
        if (!keyedHash.hash(request.rrn()).equals(member.rrnHash()) || !request.userName().equals(member.userName())) {
            return new Rejected(ResultCode.AUTHENTICATION_FAILED, null);
        }
        if (preIssue && !member.mobileWallet()) {
            return new Rejected(ResultCode.DIGITAL_CARD_DOWNLOAD_FAILED, null);
        }
        return new Approved(request, product, digital);
    }

}
