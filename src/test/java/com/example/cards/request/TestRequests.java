package com.example.cards.request;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Synthetic request fixtures and a small notation for writing awkward characters inside
 * {@code @CsvSource}.
 */
final class TestRequests {

    static final RequestValidator VALIDATOR = new RequestValidator();

    /**
     * A valid request, in {@link RequestFields#COLUMNS} order. Every value is made up.
     */
    static final List<String> BASE = List.of("REQ-20250101-000001", // requestId
            "123456789012", // userId
            "홍길동", // userName
            "HONG GIL DONG", // engName
            "900101-1234567", // socialNo (fake)
            "010-1234-5678", // mobileNumber (fake)
            "Y", // existOcrFile
            "088", // bankCode
            "110-123-456789", // accountNo (fake)
            "SVC_DEBIT_00001", // serviceId (15 chars)
            "PHYSICAL", // issueType
            "N", // withCashIc
            "Y", // isDeliveryRequired
            "04524", // zipCode
            "서울특별시 중구 세종대로 110", // address
            "3층"); // addressDetail

    /** The order in which failures are reported. */
    static final List<String> ORDER = List.of("userId", "userName", "engName", "socialNo", "mobileNumber",
            "existOcrFile", "address", "addressDetail", "zipCode", "serviceId", "requestId", "bankCode", "accountNo",
            "issueType", "withCashIc", "isDeliveryRequired");

    private static final Pattern REPEAT = Pattern.compile("<(.)\\*(\\d+)>");

    private TestRequests() {
    }

    static RequestFields base() {
        return RequestFields.of(BASE);
    }

    /**
     * The base request with the given {@code field, value} pairs replaced (values go
     * through {@link #decode}).
     */
    static RequestFields with(String... fieldValuePairs) {
        return with(base(), fieldValuePairs);
    }

    static RequestFields with(RequestFields start, String... fieldValuePairs) {
        List<String> values = new ArrayList<>(start.values());
        for (int i = 0; i < fieldValuePairs.length; i += 2) {
            int index = RequestFields.COLUMNS.indexOf(fieldValuePairs[i]);
            assertThat(index).as("column %s", fieldValuePairs[i]).isNotNegative();
            values.set(index, decode(fieldValuePairs[i + 1]));
        }
        return RequestFields.of(values);
    }

    /**
     * Expands placeholders that cannot be written legibly in a CSV table:
     * {@code <TAB> <LF> <CR> <NUL> <BEL>
     * <DEL> <NEL>} (U+0085, a C1 control), {@code <IDSP>} (ideographic space U+3000),
     * {@code <NBSP>}, and {@code <c*n>} for the character c repeated n times.
     */
    static String decode(String s) {
        if (s == null) {
            return null;
        }
        String t = s.replace("<TAB>", "\t")
            .replace("<LF>", "\n")
            .replace("<CR>", "\r")
            .replace("<NUL>", "\u0000")
            .replace("<BEL>", "\u0007")
            .replace("<DEL>", "\u007f")
            .replace("<NEL>", "\u0085")
            .replace("<IDSP>", "\u3000")
            .replace("<NBSP>", "\u00a0");
        Matcher m = REPEAT.matcher(t);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1).repeat(Integer.parseInt(m.group(2)))));
        }
        m.appendTail(out);
        return out.toString();
    }

    static Validation validate(RequestFields raw) {
        return VALIDATOR.validate(raw);
    }

    static ValidRequest valid(RequestFields raw) {
        Validation v = VALIDATOR.validate(raw);
        assertThat(v).as("validation of %s", raw).isInstanceOf(Validation.Valid.class);
        return ((Validation.Valid) v).request();
    }

    static String invalidField(RequestFields raw) {
        Validation v = VALIDATOR.validate(raw);
        assertThat(v).as("validation of %s", raw).isInstanceOf(Validation.Invalid.class);
        return ((Validation.Invalid) v).field();
    }

}
