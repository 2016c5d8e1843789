package com.example.cards.reference;

/** A wallet member as the issue step sees it, joined in the same query as the request. */
public record Member(String userName, String status, String rrnHash, boolean mobileWallet) {

    public boolean isActive() {
        return "ACTIVE".equals(status);
    }
}
