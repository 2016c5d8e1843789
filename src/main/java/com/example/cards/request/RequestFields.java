package com.example.cards.request;

import java.util.List;

/**
 * One issuance request exactly as received (CSV columns or staging-table columns), before
 * any normalisation or validation. Any field may be {@code null} or blank.
 */
public record RequestFields(String requestId, String userId, String userName, String engName, String socialNo,
        String mobileNumber, String existOcrFile, String bankCode, String accountNo, String serviceId, String issueType,
        String withCashIc, String isDeliveryRequired, String zipCode, String address, String addressDetail) {

    /**
     * The request file's columns, in the order the domain lists them (also the rejections
     * file's order).
     */
    public static final List<String> COLUMNS = List.of("requestId", "userId", "userName", "engName", "socialNo",
            "mobileNumber", "existOcrFile", "bankCode", "accountNo", "serviceId", "issueType", "withCashIc",
            "isDeliveryRequired", "zipCode", "address", "addressDetail");

    /** Builds a record from values given in {@link #COLUMNS} order. */
    public static RequestFields of(List<String> values) {
        if (values.size() != COLUMNS.size()) {
            throw new IllegalArgumentException("expected " + COLUMNS.size() + " values, got " + values.size());
        }
        return new RequestFields(values.get(0), values.get(1), values.get(2), values.get(3), values.get(4),
                values.get(5), values.get(6), values.get(7), values.get(8), values.get(9), values.get(10),
                values.get(11), values.get(12), values.get(13), values.get(14), values.get(15));
    }

    /**
     * The same request with another socialNo (the RRN travels encrypted and is put back
     * only where it is needed).
     */
    public RequestFields withSocialNo(String value) {
        return new RequestFields(requestId, userId, userName, engName, value, mobileNumber, existOcrFile, bankCode,
                accountNo, serviceId, issueType, withCashIc, isDeliveryRequired, zipCode, address, addressDetail);
    }

    @Override
    public String toString() {
        return "RequestFields[requestId=" + requestId + "]";
    }

    /** The values in {@link #COLUMNS} order. */
    public List<String> values() {
        return java.util.Arrays.asList(requestId, userId, userName, engName, socialNo, mobileNumber, existOcrFile,
                bankCode, accountNo, serviceId, issueType, withCashIc, isDeliveryRequired, zipCode, address,
                addressDetail);
    }
}
