package com.example.cards.bench;

/**
 * One line of the benchmark's {@code requests.csv}, every column parsed, as the minimal
 * job reads it: no validation, no normalisation beyond the tokenizer's trimming.
 */
record MinimalRequest(long lineNo, String requestId, String userId, String userName, String engName, String socialNo,
        String mobileNumber, String existOcrFile, String bankCode, String accountNo, String serviceId, String issueType,
        String withCashIc, String deliveryRequired, String zipCode, String address, String addressDetail) {
}
