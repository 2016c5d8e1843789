package com.example.cards.request;

import java.math.BigInteger;

/**
 * One issuance request whose fields passed every format rule, with values in canonical
 * form.
 *
 * @param userId the wallet user id; BigInteger because ids go up to 19 nines, beyond
 * {@code long}
 * @param rrn resident registration number, 13 digits without hyphen
 * @param mobileNumber {@code 010-XXXX-XXXX}
 * @param accountNo digits only
 * @param zipCode {@code null} when absent
 * @param address {@code null} when absent
 * @param addressDetail {@code null} when absent
 */
public record ValidRequest(String requestId, BigInteger userId, String userName, String engName, String rrn,
        String mobileNumber, boolean ocrConfirmed, String bankCode, String accountNo, String serviceId,
        IssueType issueType, boolean withCashIc, boolean deliveryRequired, String zipCode, String address,
        String addressDetail) {

    /**
     * The RRN is masked because records end up in logs, exception messages and debugger
     * views, and a full resident registration number must never be written there (PIPA).
     */
    @Override
    public String toString() {
        return "ValidRequest[requestId=" + requestId + ", userId=" + userId + ", userName=" + userName + ", engName="
                + engName + ", rrn=" + maskRrn(rrn) + ", mobileNumber=" + mobileNumber + ", ocrConfirmed="
                + ocrConfirmed + ", bankCode=" + bankCode + ", accountNo=" + accountNo + ", serviceId=" + serviceId
                + ", issueType=" + issueType + ", withCashIc=" + withCashIc + ", deliveryRequired=" + deliveryRequired
                + ", zipCode=" + zipCode + ", address=" + address + ", addressDetail=" + addressDetail + "]";
    }

    /**
     * Birth date and gender digit only: enough to tell records apart when debugging, not
     * enough to identify.
     */
    static String maskRrn(String rrn) {
        if (rrn == null) {
            return null;
        }
        if (rrn.length() != 13) {
            // Anything not shaped like a validated RRN could still embed one; print
            // nothing of it.
            return "*************";
        }
        return rrn.substring(0, 6) + '-' + rrn.charAt(6) + "******";
    }
}
