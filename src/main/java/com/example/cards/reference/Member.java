package com.example.cards.reference;

/**
 * A wallet member as the issue step sees it, joined in the same query as the request.
 *
 * @param status as the platform's table holds it: one of {@link MemberStatus} (a value
 * the job does not know reads as not active)
 */
public record Member(String userName, String status, String rrnHash, boolean mobileWallet) {

    public boolean isActive() {
        return MemberStatus.ACTIVE.name().equals(status);
    }
}
