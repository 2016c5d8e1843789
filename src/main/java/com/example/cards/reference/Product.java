package com.example.cards.reference;

import java.util.Set;

import com.example.cards.request.IssueType;

/**
 * A card product ({@code serviceId}) as the platform defines it. Read-only reference
 * data.
 *
 * @param status as the platform's table holds it: one of {@link ProductStatus} (a value
 * the job does not know reads as not active)
 */
public record Product(String serviceId, String productName, String bankCode, String kind, Set<IssueType> issueTypes,
        boolean cashIc, boolean preIssue, String siblingServiceId, String bin, int cardLength, int validityMonths,
        String deliveryClass, String cvkAlias, String status) {

    public static final String DEBIT = "DEBIT";

    public static final String DIGITAL = "DIGITAL";

    public static final String HOLDER_ONLY = "HOLDER_ONLY";

    public boolean isActive() {
        return ProductStatus.ACTIVE.name().equals(status);
    }

    public boolean isActiveDebit() {
        return isActive() && DEBIT.equals(kind);
    }

    public boolean isActiveDigital() {
        return isActive() && DIGITAL.equals(kind);
    }
}
