package com.example.cards.request;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Every result a request can end with: the online API's codes (message text verbatim) and
 * the batch-only {@code 900_xxx} family. The only place code strings live.
 */
public enum ResultCode {

    SUCCESS("000_000", "Success.", 200, false), INVALID_INPUT("000_002", "Invalid input parameter.", 400, false),
    USER_NOT_FOUND("001_006", "Wallet user not found.", 404, true),
    SERVICE_NOT_OF_BANK("003_060", "Service is not related to the request bank.", 400, false),
    ISSUE_TYPE_NOT_OFFERED("003_061", "Not valid card issue type with the service.", 400, false),
    APPLET_NOT_SUPPORTED("003_062", "Service does not support the applet.", 400, false),
    AUTHENTICATION_FAILED("003_063", "User authentication error.", 401, true),
    DIGITAL_CARD_DOWNLOAD_FAILED("003_064", "Download digital card error.", 503, true),
    NOT_PRE_ISSUE_SERVICE("003_065", "Service is not digital pre-issue type.", 400, false),
    NO_SIBLING_SERVICE("003_066", "Service does not have a sibling service.", 400, false),
    DUPLICATE_IN_BATCH("900_001", "Duplicate request in batch.", 409, false);

    private static final Set<ResultCode> RETRYABLE = Collections
        .unmodifiableSet(EnumSet.copyOf(Arrays.stream(values()).filter(ResultCode::isRetryable).toList()));

    private final String code;

    private final String message;

    private final int httpStatus;

    private final boolean retryable;

    ResultCode(String code, String message, int httpStatus, boolean retryable) {
        this.code = code;
        this.message = message;
        this.httpStatus = httpStatus;
        this.retryable = retryable;
    }

    public String code() {
        return code;
    }

    public String message() {
        return message;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /**
     * The message as the API returns it; for {@code 000_002} it names the failing field.
     */
    public String messageFor(String field) {
        return this == INVALID_INPUT && field != null ? message + " " + field : message;
    }

    /**
     * Whether a rejection with this code can succeed later without a corrected request:
     * its cause is fixed in the platform's own data (a member that becomes active, a
     * member's identity corrected, a mobile wallet that becomes active). These are the
     * codes a rerun retries by default and the ones {@code status} suggests a rerun for.
     */
    public boolean isRetryable() {
        return retryable;
    }

    /** Every retryable code; see {@link #isRetryable()}. */
    public static Set<ResultCode> retryable() {
        return RETRYABLE;
    }

    public boolean isSuccess() {
        return this == SUCCESS;
    }

    public static ResultCode ofCode(String code) {
        for (ResultCode rc : values()) {
            if (rc.code.equals(code)) {
                return rc;
            }
        }
        throw new IllegalArgumentException("unknown result code " + code);
    }

}
