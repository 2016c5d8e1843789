package com.example.cards.request;

import java.math.BigInteger;
import java.text.Normalizer;
import java.util.Objects;

import com.example.cards.crypto.Masking;

/**
 * Format rules for one issuance request.
 *
 * <p>
 * Stateless and therefore thread-safe: one instance can serve every partition of a
 * multi-threaded step.
 *
 * <p>
 * Checks are hand-written character loops rather than regular expressions because this
 * runs on millions of rows; a loop over a short ASCII field allocates nothing, while a
 * {@code Matcher} allocates per call.
 *
 * <p>
 * Fields are checked in a fixed order that differs from the column order, because the
 * online API reports the first failure in this order and the batch must return the same
 * {@code 000_002} field for the same input.
 */
public final class RequestValidator {

    // Distinct identity (not interned) so no real field value can ever be mistaken for
    // it.
    private static final String BAD = new String("\u0000bad");

    // Shared instances: a rejected row costs no allocation beyond its field cleaning.
    private static final Validation.Invalid USER_ID = new Validation.Invalid("userId");

    private static final Validation.Invalid USER_NAME = new Validation.Invalid("userName");

    private static final Validation.Invalid ENG_NAME = new Validation.Invalid("engName");

    private static final Validation.Invalid SOCIAL_NO = new Validation.Invalid("socialNo");

    private static final Validation.Invalid MOBILE_NUMBER = new Validation.Invalid("mobileNumber");

    private static final Validation.Invalid EXIST_OCR_FILE = new Validation.Invalid("existOcrFile");

    private static final Validation.Invalid ADDRESS = new Validation.Invalid("address");

    private static final Validation.Invalid ADDRESS_DETAIL = new Validation.Invalid("addressDetail");

    private static final Validation.Invalid ZIP_CODE = new Validation.Invalid("zipCode");

    private static final Validation.Invalid SERVICE_ID = new Validation.Invalid("serviceId");

    private static final Validation.Invalid REQUEST_ID = new Validation.Invalid("requestId");

    private static final Validation.Invalid BANK_CODE = new Validation.Invalid("bankCode");

    private static final Validation.Invalid ACCOUNT_NO = new Validation.Invalid("accountNo");

    private static final Validation.Invalid ISSUE_TYPE = new Validation.Invalid("issueType");

    private static final Validation.Invalid WITH_CASH_IC = new Validation.Invalid("withCashIc");

    private static final Validation.Invalid IS_DELIVERY_REQUIRED = new Validation.Invalid("isDeliveryRequired");

    // The RRN and mobile columns are varchar(20) upstream; longer input was not produced
    // by a legitimate source.
    private static final int RAW_MAX_SOCIAL_NO = 20;

    private static final int RAW_MAX_MOBILE = 20;

    private static final int MAX_NAME = 100;

    private static final int MAX_ADDRESS = 255;

    private static final int MAX_USER_ID_DIGITS = 19;

    private static final int SERVICE_ID_LENGTH = 15;

    private static final int MAX_REQUEST_ID = 40;

    private static final int MIN_ACCOUNT_DIGITS = 10;

    private static final int MAX_ACCOUNT_DIGITS = 16;

    // Below U+0300 (start of combining diacritics) every string is already in NFC, so
    // Latin-1 and ASCII fields
    // (the vast majority) skip the Normalizer and its allocations.
    private static final char NFC_SAFE_BELOW = '\u0300';

    private static final int[] DAYS_IN_MONTH = { 0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

    /**
     * Checks one raw request and returns the normalised request or the first failing
     * field.
     */
    public Validation validate(RequestFields raw) {
        Objects.requireNonNull(raw, "raw");

        // Looked at first only because address and zipCode depend on it; its own failure
        // is reported last.
        Boolean delivery = yesNo(clean(raw.isDeliveryRequired()));

        BigInteger userId = userId(clean(raw.userId()));
        if (userId == null) {
            return USER_ID;
        }
        String userName = clean(raw.userName());
        if (!lengthWithin(userName, MAX_NAME) || rrnIn(userName)) {
            return USER_NAME;
        }
        String engName = clean(raw.engName());
        if (!engName(engName)) {
            return ENG_NAME;
        }
        String socialNo = raw.socialNo();
        String rrn = socialNo != null && socialNo.length() > RAW_MAX_SOCIAL_NO ? null : rrn(clean(socialNo));
        if (rrn == null) {
            return SOCIAL_NO;
        }
        String mobileRaw = raw.mobileNumber();
        String mobile = mobileRaw != null && mobileRaw.length() > RAW_MAX_MOBILE ? null : mobile(clean(mobileRaw));
        if (mobile == null) {
            return MOBILE_NUMBER;
        }
        Boolean ocr = yesNo(clean(raw.existOcrFile()));
        if (ocr == null) {
            return EXIST_OCR_FILE;
        }
        String address = clean(raw.address());
        if (address == null ? Boolean.TRUE.equals(delivery) : !lengthWithin(address, MAX_ADDRESS) || rrnIn(address)) {
            return ADDRESS;
        }
        String addressDetail = clean(raw.addressDetail());
        if (addressDetail != null && (!lengthWithin(addressDetail, MAX_ADDRESS) || rrnIn(addressDetail))) {
            return ADDRESS_DETAIL;
        }
        String zipCode = clean(raw.zipCode());
        if (zipCode == null ? Boolean.TRUE.equals(delivery) : !zipCode(zipCode)) {
            return ZIP_CODE;
        }
        String serviceId = clean(raw.serviceId());
        if (serviceId == null || serviceId.length() != SERVICE_ID_LENGTH || !idChars(serviceId) || rrnIn(serviceId)) {
            return SERVICE_ID;
        }
        String requestId = clean(raw.requestId());
        if (requestId == null || requestId.length() > MAX_REQUEST_ID || !idChars(requestId) || rrnIn(requestId)) {
            return REQUEST_ID;
        }
        String bankCode = clean(raw.bankCode());
        if (bankCode == null || bankCode.length() != 3 || !allDigits(bankCode)) {
            return BANK_CODE;
        }
        String accountRaw = clean(raw.accountNo());
        // A plain run of 13 digits may be a genuine account number; with the RRN's hyphen
        // it is an RRN in the wrong column.
        String accountNo = Masking.containsRrn(accountRaw, true) ? null : accountNo(accountRaw);
        if (accountNo == null) {
            return ACCOUNT_NO;
        }
        IssueType issueType = issueType(clean(raw.issueType()));
        if (issueType == null) {
            return ISSUE_TYPE;
        }
        Boolean cashIc = yesNo(clean(raw.withCashIc()));
        if (cashIc == null) {
            return WITH_CASH_IC;
        }
        if (delivery == null) {
            return IS_DELIVERY_REQUIRED;
        }
        return new Validation.Valid(new ValidRequest(requestId, userId, userName, engName, rrn, mobile, ocr, bankCode,
                accountNo, serviceId, issueType, cashIc, delivery, zipCode, address, addressDetail));
    }

    /**
     * Trims and NFC-normalises every field; {@code null} stays {@code null} and blank
     * becomes empty. Does not judge validity (control characters are kept), so it is safe
     * for echoing input back in a rejections file.
     */
    public static RequestFields normalize(RequestFields raw) {
        Objects.requireNonNull(raw, "raw");
        return new RequestFields(norm(raw.requestId()), norm(raw.userId()), norm(raw.userName()), norm(raw.engName()),
                norm(raw.socialNo()), norm(raw.mobileNumber()), norm(raw.existOcrFile()), norm(raw.bankCode()),
                norm(raw.accountNo()), norm(raw.serviceId()), norm(raw.issueType()), norm(raw.withCashIc()),
                norm(raw.isDeliveryRequired()), norm(raw.zipCode()), norm(raw.address()), norm(raw.addressDetail()));
    }

    private static String norm(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return needsNormalizer(t) ? Normalizer.normalize(t, Normalizer.Form.NFC) : t;
    }

    /**
     * Trimmed NFC value; {@code null} when absent (null or blank); {@link #BAD} when a
     * control character survives trimming. Every check below treats {@code BAD} as
     * failing because no rule accepts U+0000.
     */
    private static String clean(String s) {
        if (s == null) {
            return null;
        }
        // strip() rather than trim(): trim() would silently drop a leading NUL or other
        // non-space control,
        // while strip() removes only whitespace (including the ideographic space U+3000
        // that Korean IMEs
        // produce), leaving such controls to be rejected below. A trailing CR/LF/tab is
        // whitespace and goes.
        String t = s.strip();
        int n = t.length();
        if (n == 0) {
            return null;
        }
        boolean plain = true;
        for (int i = 0; i < n; i++) {
            char c = t.charAt(i);
            if (Character.isISOControl(c)) {
                return BAD;
            }
            if (c >= NFC_SAFE_BELOW) {
                plain = false;
            }
        }
        // Some systems send Hangul decomposed into jamo (NFD); NFC makes it equal to the
        // composed form.
        return plain ? t : Normalizer.normalize(t, Normalizer.Form.NFC);
    }

    /**
     * An RRN-shaped value in a text field (typed into the wrong column): the request is
     * rejected naming that field, and the value is stored and echoed masked only. Fields
     * whose own rule already refuses digits (the English name, the mobile number, the zip
     * code, the flags) need no such check.
     */
    private static boolean rrnIn(String s) {
        return s != null && s != BAD && Masking.containsRrn(s, false);
    }

    /**
     * Widest text the request table keeps in a request column; a longer value already
     * breaks a format rule.
     */
    public static final int MAX_STORED_TEXT = 300;

    /**
     * The fields as they may be stored and echoed: every RRN-shaped value outside
     * {@code socialNo} masked ({@link Masking#maskRrns}; in {@code userId} and
     * {@code accountNo}, which may legitimately be 13 digits, only the hyphenated form),
     * then every value cut to {@link #MAX_STORED_TEXT} characters. Masked before it is
     * cut, so no cut can leave part of an RRN in clear. {@code socialNo} is returned
     * unchanged: it is sealed, never stored in clear. Fields that need neither come back
     * as the same instances, so {@code equals} tells whether anything changed.
     */
    public static RequestFields storable(RequestFields fields) {
        java.util.List<String> values = new java.util.ArrayList<>(fields.values());
        for (int i = 0; i < values.size(); i++) {
            String column = RequestFields.COLUMNS.get(i);
            if (!"socialNo".equals(column)) {
                boolean numeric = "userId".equals(column) || "accountNo".equals(column);
                values.set(i, cut(Masking.maskRrns(values.get(i), numeric), MAX_STORED_TEXT));
            }
        }
        return RequestFields.of(values);
    }

    /**
     * {@code value} cut to at most {@code max} characters, never between the two halves
     * of a surrogate pair.
     */
    public static String cut(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return value.substring(0, end);
    }

    private static boolean needsNormalizer(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= NFC_SAFE_BELOW) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDigit(char c) {
        // Not Character.isDigit: that accepts full-width and other scripts' digits, which
        // downstream systems
        // would store or compare differently.
        return c >= '0' && c <= '9';
    }

    private static boolean allDigits(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Counts code points, not UTF-16 units, so a supplementary-plane character counts as
     * one.
     */
    private static boolean lengthWithin(String s, int max) {
        if (s == null || s == BAD) {
            return false;
        }
        int n = s.length();
        return n <= max || (n <= 2 * max && s.codePointCount(0, n) <= max);
    }

    private static BigInteger userId(String s) {
        if (s == null || !allDigits(s)) {
            return null;
        }
        int n = s.length();
        int start = 0;
        // Leading zeros do not make a different user: the numeric value is the identity.
        while (start < n && s.charAt(start) == '0') {
            start++;
        }
        int significant = n - start;
        if (significant == 0 || significant > MAX_USER_ID_DIGITS) {
            return null;
        }
        // Up to 18 digits always fits a long; only the 19-digit ids need the slower
        // BigInteger parse.
        return significant < MAX_USER_ID_DIGITS ? BigInteger.valueOf(Long.parseLong(s, start, n, 10))
                : new BigInteger(s.substring(start));
    }

    private static boolean engName(String s) {
        if (s == null || s.length() > MAX_NAME) {
            return false;
        }
        // ASCII only: card embossers print a fixed ASCII character set, so an accented
        // letter (É, ñ) would be
        // dropped or garbled on the plastic rather than transliterated.
        boolean letter = false;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
                letter = true;
            }
            else if (c != ' ' && c != '.' && c != ',' && c != '\'' && c != '-') {
                return false;
            }
        }
        return letter;
    }

    /** 13 digits without hyphen, or {@code null}. */
    private static String rrn(String s) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        if (n == 14) {
            if (s.charAt(6) != '-') {
                return null;
            }
        }
        else if (n != 13) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            if (i != 6 || n == 13) {
                if (!isDigit(s.charAt(i))) {
                    return null;
                }
            }
        }
        int yy = (s.charAt(0) - '0') * 10 + (s.charAt(1) - '0');
        int mm = (s.charAt(2) - '0') * 10 + (s.charAt(3) - '0');
        int dd = (s.charAt(4) - '0') * 10 + (s.charAt(5) - '0');
        int year;
        switch (s.charAt(n - 7)) { // the gender/century digit
            // 1,2 citizens and 5,6 foreign residents born in the 1900s; 3,4 and 7,8 the
            // same born from 2000.
            // 9 and 0 (1800s) cannot belong to a living applicant.
            case '1', '2', '5', '6' -> year = 1900 + yy;
            case '3', '4', '7', '8' -> year = 2000 + yy;
            default -> {
                return null;
            }
        }
        if (mm < 1 || mm > 12 || dd < 1 || dd > DAYS_IN_MONTH[mm]) {
            return null;
        }
        if (mm == 2 && dd == 29 && !isLeap(year)) {
            return null;
        }
        // The old mod-11 check digit is deliberately not verified: since October 2020 the
        // last digits are
        // random, so a check-digit test would reject genuine new numbers.
        return n == 13 ? s : s.substring(0, 6).concat(s.substring(7));
    }

    private static boolean isLeap(int year) {
        return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    }

    /** {@code 010-XXXX-XXXX}, or {@code null}. */
    private static String mobile(String s) {
        if (s == null || s == BAD) {
            return null;
        }
        int n = s.length();
        int i = 0;
        boolean international = s.charAt(0) == '+';
        if (international) {
            i = 1;
        }
        char[] d = new char[RAW_MAX_MOBILE + 1];
        int len = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '-') {
                continue;
            }
            if (!isDigit(c) || len == d.length) {
                return null;
            }
            d[len++] = c;
        }
        int from = 0;
        if (international) {
            // +82 is Korea; the trunk 0 is optional after it because people write both
            // +82 10 and +82 010.
            if (len < 3 || d[0] != '8' || d[1] != '2') {
                return null;
            }
            from = d[2] == '0' ? 3 : 2;
        }
        else {
            if (len < 1 || d[0] != '0') {
                return null;
            }
            from = 1;
        }
        // Now d[from..len) is the number after the trunk 0: it must be 10 followed by 8
        // digits.
        if (len - from != 10 || d[from] != '1' || d[from + 1] != '0') {
            return null;
        }
        char[] out = { '0', '1', '0', '-', d[from + 2], d[from + 3], d[from + 4], d[from + 5], '-', d[from + 6],
                d[from + 7], d[from + 8], d[from + 9] };
        return new String(out);
    }

    private static Boolean yesNo(String s) {
        if (s == null || s.length() != 1) {
            return null;
        }
        return switch (s.charAt(0)) {
            case 'Y', 'y' -> Boolean.TRUE;
            case 'N', 'n' -> Boolean.FALSE;
            default -> null;
        };
    }

    private static boolean zipCode(String s) {
        if (s == BAD || s.length() != 5 || !allDigits(s)) {
            return false;
        }
        // Korean postcodes since 2015 start with a region code 01..63; 00 and 64+ are
        // unassigned.
        int region = (s.charAt(0) - '0') * 10 + (s.charAt(1) - '0');
        return region >= 1 && region <= 63;
    }

    private static boolean idChars(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || isDigit(c) || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** Digits only, or {@code null}. */
    private static String accountNo(String s) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        int digits = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (isDigit(c)) {
                digits++;
            }
            else if (c != '-') {
                return null;
            }
        }
        if (digits < MIN_ACCOUNT_DIGITS || digits > MAX_ACCOUNT_DIGITS) {
            return null;
        }
        if (digits == n) {
            return s;
        }
        char[] out = new char[digits];
        for (int i = 0, j = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c != '-') {
                out[j++] = c;
            }
        }
        return new String(out);
    }

    private static IssueType issueType(String s) {
        if (s == null) {
            return null;
        }
        // ASCII-only comparison: String.equalsIgnoreCase would accept "PHYSıCAL" (dotless
        // i) or a Kelvin sign.
        if (asciiEqualsIgnoreCase(s, "PHYSICAL")) {
            return IssueType.PHYSICAL;
        }
        if (asciiEqualsIgnoreCase(s, "PRE_ISSUE")) {
            return IssueType.PRE_ISSUE;
        }
        return null;
    }

    private static boolean asciiEqualsIgnoreCase(String s, String upper) {
        int n = upper.length();
        if (s.length() != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                c = (char) (c - ('a' - 'A'));
            }
            if (c != upper.charAt(i)) {
                return false;
            }
        }
        return true;
    }

}
