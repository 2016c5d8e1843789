package com.example.cards.request;

import java.math.BigInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.example.cards.request.TestRequests.invalidField;
import static com.example.cards.request.TestRequests.valid;
import static com.example.cards.request.TestRequests.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One table per field rule. In the tables an unquoted empty cell is {@code null} and
 * {@code ''} is the empty string; see {@link TestRequests#decode} for the {@code <...>}
 * placeholders.
 */
class RequestValidatorFieldRulesTests {

    // ---------------------------------------------------------------- userId

    @ParameterizedTest(name = "userId [{0}] -> {1}")
    @CsvSource({ "1,                        1", "123,                      123", "0001,                     1",
            "9223372036854775807,      9223372036854775807", // Long.MAX_VALUE
            "9223372036854775808,      9223372036854775808", // Long.MAX_VALUE + 1
            "9999999999999999999,      9999999999999999999", // the maximum
            "0009999999999999999999,   9999999999999999999", // leading zeros do not count
                                                             // as digits
            "'  42  ',                 42", })
    void userIdAccepted(String input, String expected) {
        assertThat(valid(with("userId", input)).userId()).isEqualTo(new BigInteger(expected));
    }

    @ParameterizedTest(name = "userId [{0}] rejected")
    @CsvSource(nullValues = "NULL", value = { "NULL", "''", "'   '", "0", "0000", "10000000000000000000", // 20
                                                                                                          // digits
            "99999999999999999999", "-1", "+1", "1.0", "1e5", "12 34", "１２３", // full-width
                                                                              // digits
            "abc", "12<TAB>3", })
    void userIdRejected(String input) {
        assertThat(invalidField(with("userId", input))).isEqualTo("userId");
    }

    // ---------------------------------------------------------------- userName

    @ParameterizedTest(name = "userName [{0}] -> [{1}]")
    @CsvSource({ "홍길동,             홍길동", "A,                  A", "'  김 철수  ',      김 철수", "<IDSP>이영희<IDSP>, 이영희", // ideographic
                                                                                                                   // spaces
                                                                                                                   // are
                                                                                                                   // trimmed
                                                                                                                   // too
            "<가*100>,           <가*100>", "<😀*100>,           <😀*100>", // 100 code
                                                                          // points (200
                                                                          // UTF-16 units)
    })
    void userNameAccepted(String input, String expected) {
        assertThat(valid(with("userName", input)).userName()).isEqualTo(TestRequests.decode(expected));
    }

    @ParameterizedTest(name = "userName [{0}] rejected")
    @CsvSource(nullValues = "NULL", value = { "NULL", "''", "'   '", "<IDSP>", "<가*101>", "<😀*101>", "<a*101>" })
    void userNameRejected(String input) {
        assertThat(invalidField(with("userName", input))).isEqualTo("userName");
    }

    // ---------------------------------------------------------------- engName

    @ParameterizedTest(name = "engName [{0}] accepted")
    @CsvSource({ "HONG GIL DONG", "hong gil dong", "O'Brien", "'Smith-Jones, Jr.'", "a", "<A*100>", })
    void engNameAccepted(String input) {
        assertThat(valid(with("engName", input)).engName()).isEqualTo(TestRequests.decode(input));
    }

    @ParameterizedTest(name = "engName [{0}] rejected")
    @CsvSource(nullValues = "NULL", value = { "NULL", "''", "'  '", "Élodie", "Müller", "José", "홍길동", // non-ASCII
                                                                                                       // letters
            "HONG1", "HONG_GIL", "HONG@GIL", "HONG/GIL", "'. -'", // no letter at all
            "<A*101>", "ＨＯＮＧ", // full-width Latin
    })
    void engNameRejected(String input) {
        assertThat(invalidField(with("engName", input))).isEqualTo("engName");
    }

    // ---------------------------------------------------------------- socialNo

    @ParameterizedTest(name = "socialNo [{0}] -> {1}")
    @CsvSource({ "900101-1234567,      9001011234567", "9001011234567,       9001011234567",
            "'  900101-1234567 ', 9001011234567", "960229-2345678,      9602292345678", // 1996
                                                                                        // is
                                                                                        // a
                                                                                        // leap
                                                                                        // year
            "000229-3456789,      0002293456789", // 2000 is a leap year (divisible by
                                                  // 400)
            "000229-4456789,      0002294456789", "000229-7456789,      0002297456789", // foreign
                                                                                        // resident
                                                                                        // born
                                                                                        // 2000
            "240229-4567890,      2402294567890", // 2024 is a leap year
            "991231-1000000,      9912311000000", "010131-2000000,      0101312000000",
            "050430-3000000,      0504303000000", "100228-4000000,      1002284000000",
            "800615-5000000,      8006155000000", "800615-6000000,      8006156000000",
            "100615-7000000,      1006157000000", "100615-8000000,      1006158000000",
            "201015-3000001,      2010153000001", // random tail after Oct 2020: old check
                                                  // digit fails, still valid
            "201015-4583921,      2010154583921", // and one that happens to pass the old
                                                  // check
    })
    void socialNoAccepted(String input, String expected) {
        assertThat(valid(with("socialNo", input)).rrn()).isEqualTo(expected);
    }

    @Test
    void theRandomTailCaseReallyFailsTheOldCheckDigit() {
        assertThat(oldCheckDigitHolds("2010153000001")).isFalse();
        assertThat(oldCheckDigitHolds("2010154583921")).isTrue();
    }

    @ParameterizedTest(name = "socialNo [{0}] rejected")
    @CsvSource(nullValues = "NULL", value = { "NULL", "''", "'   '", "000229-1234567", // 1900
                                                                                       // is
                                                                                       // not
                                                                                       // a
                                                                                       // leap
                                                                                       // year
            "000229-2234567", "000229-5234567", "230229-3234567", // 2023 is not a leap
                                                                  // year
            "230229-1234567", // 1923 is not a leap year
            "961301-1234567", // month 13
            "960001-1234567", // month 00
            "960100-1234567", // day 00
            "960132-1234567", // day 32
            "960431-1234567", // 31 April
            "960230-1234567", "900101-0234567", // G = 0
            "900101-9234567", // G = 9
            "900101-123456", // 12 digits
            "90010112345678", // 14 digits, no hyphen
            "900101-12345678", "9001011-234567", // hyphen in the wrong place
            "900101--1234567", "900101 1234567", // space instead of hyphen
            "90010A-1234567", // letter
            "900101-123456X", "９００１０１-１２３４５６７", // full-width digits
            "'       900101-1234567'", // 21 characters raw: over the 20-character limit
                                       // even though it trims
            "900101<TAB>1234567", })
    void socialNoRejected(String input) {
        assertThat(invalidField(with("socialNo", input))).isEqualTo("socialNo");
    }

    @ParameterizedTest(name = "socialNo G={0}")
    @CsvSource({ "0, false", "1, true", "2, true", "3, true", "4, true", "5, true", "6, true", "7, true", "8, true",
            "9, false" })
    void everyGenderDigit(char g, boolean accepted) {
        var raw = with("socialNo", "850505-" + g + "123456");
        if (accepted) {
            assertThat(valid(raw).rrn()).isEqualTo("850505" + g + "123456");
        }
        else {
            assertThat(invalidField(raw)).isEqualTo("socialNo");
        }
    }

    /** The pre-2020 mod-11 check digit, only to prove the validator ignores it. */
    private static boolean oldCheckDigitHolds(String rrn) {
        int[] weights = { 2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5 };
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (rrn.charAt(i) - '0') * weights[i];
        }
        return (11 - sum % 11) % 10 == rrn.charAt(12) - '0';
    }

    // ---------------------------------------------------------------- mobileNumber

    @ParameterizedTest(name = "mobile [{0}] -> {1}")
    @CsvSource({ "010-1234-5678,        010-1234-5678", "01012345678,          010-1234-5678",
            "010 1234 5678,        010-1234-5678", "'  010-9876-5432  ',  010-9876-5432",
            "+82 10 1234 5678,     010-1234-5678", "+82-10-1234-5678,     010-1234-5678",
            "+821012345678,        010-1234-5678", "+82 010 1234 5678,    010-1234-5678",
            "+82-010-1234-5678,    010-1234-5678", "+8201012345678,       010-1234-5678",
            "010 - 1234 - 5678,    010-1234-5678", })
    void mobileAccepted(String input, String expected) {
        assertThat(valid(with("mobileNumber", input)).mobileNumber()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "mobile [{0}] rejected")
    @CsvSource(nullValues = "NULL",
            value = { "NULL", "''", "'  '", "(010) 1234-5678", "010.1234.5678", "010/1234/5678", "010_1234_5678",
                    "010-1234-567", // 7 digits after 010
                    "010-1234-56789", // 9 digits after 010
                    "0101234567", "010123456789", "011-1234-5678", // old carrier prefix
                    "016-123-4567", "02-1234-5678", // Seoul landline
                    "070-1234-5678", "+1 010 1234 5678", "+83 10 1234 5678", "82 10 1234 5678", // missing
                                                                                                // +
                    "821012345678", "++821012345678", "+82+1012345678", "+82", "+", "+82 00 1234 5678", "010-1234-567a",
                    "０１０-１２３４-５６７８", // full-width digits
                    "'+82 - 10 - 1234 - 5678'", // 22 characters raw
                    "010<TAB>1234<TAB>5678", "010<NBSP>1234<NBSP>5678", })
    void mobileRejected(String input) {
        assertThat(invalidField(with("mobileNumber", input))).isEqualTo("mobileNumber");
    }

    // ---------------------------------------------------------------- Y/N fields

    @ParameterizedTest(name = "{0} [{1}] -> {2}")
    @CsvSource({ "existOcrFile,       Y, true", "existOcrFile,       y, true", "existOcrFile,       N, false",
            "existOcrFile,       n, false", "existOcrFile,    ' Y ', true", "withCashIc,         Y, true",
            "withCashIc,         y, true", "withCashIc,         N, false", "withCashIc,         n, false",
            "isDeliveryRequired, Y, true", "isDeliveryRequired, y, true", "isDeliveryRequired, N, false",
            "isDeliveryRequired, n, false", })
    void yesNoAccepted(String field, String input, boolean expected) {
        Function<ValidRequest, Boolean> accessor = switch (field) {
            case "existOcrFile" -> ValidRequest::ocrConfirmed;
            case "withCashIc" -> ValidRequest::withCashIc;
            default -> ValidRequest::deliveryRequired;
        };
        assertThat(accessor.apply(valid(with(field, input)))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} [{1}] rejected")
    @CsvSource(nullValues = "NULL",
            value = { "existOcrFile, NULL", "existOcrFile, ''", "existOcrFile, YES", "existOcrFile, no",
                    "existOcrFile, true", "existOcrFile, 1", "existOcrFile, X", "existOcrFile, Ｙ", "existOcrFile, YY",
                    "withCashIc, NULL", "withCashIc, ''", "withCashIc, YES", "withCashIc, false", "withCashIc, 0",
                    "withCashIc, Ｎ", "isDeliveryRequired, NULL", "isDeliveryRequired, ''", "isDeliveryRequired, YES",
                    "isDeliveryRequired, T", "isDeliveryRequired, Y<TAB>N", })
    void yesNoRejected(String field, String input) {
        assertThat(invalidField(with(field, input))).isEqualTo(field);
    }

    // ---------------------------------------------------------------- address,
    // addressDetail, zipCode

    @ParameterizedTest(name = "delivery={0} address=[{1}] zip=[{2}] -> {3}")
    @CsvSource(nullValues = "NULL", value = {
            // delivery, address, zipCode, expected failure (VALID when none)
            "Y,          NULL,            04524,   address", "Y,          '',              04524,   address",
            "Y,          '   ',           04524,   address", "Y,          서울 중구,        NULL,    zipCode",
            "Y,          서울 중구,        '',      zipCode", "Y,          서울 중구,        04524,   VALID",
            "N,          NULL,            NULL,    VALID", "n,          '',              '',      VALID",
            "N,          서울 중구,        04524,   VALID", // kept even though not needed
            "N,          <a*256>,         NULL,    address", // present, so still checked
            "N,          NULL,            00000,   zipCode", "X,          NULL,            NULL,    isDeliveryRequired",
            "NULL,       NULL,            NULL,    isDeliveryRequired", "X,          <a*256>,         NULL,    address",
            "X,          NULL,            99999,   zipCode", "X,          서울 중구,        04524,   isDeliveryRequired", })
    void addressRequiredOnlyForDelivery(String delivery, String address, String zip, String expected) {
        var raw = with("isDeliveryRequired", delivery, "address", address, "zipCode", zip);
        if (expected.equals("VALID")) {
            ValidRequest r = valid(raw);
            String a = TestRequests.decode(address);
            assertThat(r.address()).isEqualTo(a == null || a.isBlank() ? null : a.strip());
            assertThat(r.zipCode()).isEqualTo(zip == null || zip.isBlank() ? null : zip);
        }
        else {
            assertThat(invalidField(raw)).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "address [{0}] -> {1}")
    @CsvSource({ "'  서울특별시 중구  ', 서울특별시 중구", "A,                    A", "<가*255>,             <가*255>", })
    void addressAccepted(String input, String expected) {
        assertThat(valid(with("address", input)).address()).isEqualTo(TestRequests.decode(expected));
    }

    @ParameterizedTest(name = "addressDetail [{0}] -> [{1}]")
    @CsvSource(nullValues = "NULL",
            value = { "NULL,     NULL", "'',       NULL", "'   ',    NULL", "3층,      3층", "<가*255>, <가*255>", })
    void addressDetailAccepted(String input, String expected) {
        assertThat(valid(with("addressDetail", input)).addressDetail()).isEqualTo(TestRequests.decode(expected));
    }

    @ParameterizedTest(name = "{0} [{1}] rejected")
    @CsvSource({ "address,       <가*256>", "address,       <a*256>", "addressDetail, <가*256>",
            "addressDetail, 3층<LF>302호", })
    void addressTooLong(String field, String input) {
        assertThat(invalidField(with(field, input))).isEqualTo(field);
    }

    @ParameterizedTest(name = "zip [{0}] accepted")
    @CsvSource({ "01000", "01999", "04524", "10000", "63000", "63999", "' 04524 '" })
    void zipAccepted(String input) {
        assertThat(valid(with("zipCode", input)).zipCode()).isEqualTo(input.strip());
    }

    @ParameterizedTest(name = "zip [{0}] rejected")
    @CsvSource({ "00000", "00999", "64000", "99999", "0452", "045245", "0452A", "ABCDE", "04 524", "04-524", "０４５２４",
            "-4524" })
    void zipRejected(String input) {
        assertThat(invalidField(with("zipCode", input))).isEqualTo("zipCode");
    }

    // ---------------------------------------------------------------- serviceId,
    // requestId, bankCode

    @ParameterizedTest(name = "serviceId [{0}] valid={1}")
    @CsvSource(nullValues = "NULL",
            value = { "SVC_DEBIT_00001,  true", "abcdefghij-_012,  true", "AAAAAAAAAAAAAAA,  true",
                    "SVC_DEBIT_0001,   false", // 14
                    "SVC_DEBIT_000001, false", // 16
                    "SVC DEBIT 00001,  false", "SVC.DEBIT.00001,  false", "SVC_DEBIT_0000가, false",
                    "NULL,             false", "'',               false", })
    void serviceId(String input, boolean accepted) {
        var raw = with("serviceId", input);
        if (accepted) {
            assertThat(valid(raw).serviceId()).isEqualTo(input);
        }
        else {
            assertThat(invalidField(raw)).isEqualTo("serviceId");
        }
    }

    @ParameterizedTest(name = "requestId [{0}] valid={1}")
    @CsvSource(nullValues = "NULL",
            value = { "R,             true", "REQ-0001_a,    true", "<x*40>,        true", "<x*41>,        false",
                    "REQ 0001,      false", "REQ.0001,      false", "REQ/0001,      false", "요청0001,       false",
                    "REQ<NUL>1,     false", "NULL,          false", "'',            false", })
    void requestId(String input, boolean accepted) {
        var raw = with("requestId", input);
        if (accepted) {
            assertThat(valid(raw).requestId()).isEqualTo(TestRequests.decode(input));
        }
        else {
            assertThat(invalidField(raw)).isEqualTo("requestId");
        }
    }

    @ParameterizedTest(name = "bankCode [{0}] valid={1}")
    @CsvSource(nullValues = "NULL", value = { "088,   true", "004,   true", "' 020 ', true", "88,    false",
            "0888,  false", "08A,   false", "０８８,  false", "NULL,  false", })
    void bankCode(String input, boolean accepted) {
        var raw = with("bankCode", input);
        if (accepted) {
            assertThat(valid(raw).bankCode()).isEqualTo(input.strip());
        }
        else {
            assertThat(invalidField(raw)).isEqualTo("bankCode");
        }
    }

    // ---------------------------------------------------------------- accountNo

    @ParameterizedTest(name = "accountNo [{0}] -> {1}")
    @CsvSource({ "110-123-456789,      110123456789", "1234567890,          1234567890", // 10
                                                                                         // digits
            "1234567890123456,    1234567890123456", // 16 digits
            "12-34-56-78-90,      1234567890", "'  3333-01-1234567 ', 3333011234567", })
    void accountNoAccepted(String input, String expected) {
        assertThat(valid(with("accountNo", input)).accountNo()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "accountNo [{0}] rejected")
    @CsvSource(nullValues = "NULL", value = { "NULL", "''", "123456789", // 9 digits
            "12345678901234567", // 17 digits
            "123-456-789", "110 123 456789", "110.123.456789", "110-123-45678A", "１２３４５６７８９０", // full-width
                                                                                               // digits
            "----------", "+1234567890", })
    void accountNoRejected(String input) {
        assertThat(invalidField(with("accountNo", input))).isEqualTo("accountNo");
    }

    // ---------------------------------------------------------------- issueType

    @ParameterizedTest(name = "issueType [{0}] -> {1}")
    @CsvSource({ "PHYSICAL,  PHYSICAL", "physical,  PHYSICAL", "Physical,  PHYSICAL", "PRE_ISSUE, PRE_ISSUE",
            "pre_issue, PRE_ISSUE", "' Pre_Issue ', PRE_ISSUE", })
    void issueTypeAccepted(String input, IssueType expected) {
        assertThat(valid(with("issueType", input)).issueType()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "issueType [{0}] rejected")
    @CsvSource(nullValues = "NULL", value = { "NULL", "''", "PRE-ISSUE", "PREISSUE", "MOBILE", "PHYSICALS", "PHYSıCAL", // dotless
                                                                                                                        // i:
                                                                                                                        // String.equalsIgnoreCase
                                                                                                                        // would
                                                                                                                        // accept
                                                                                                                        // it
            "ＰＨＹＳＩＣＡＬ", })
    void issueTypeRejected(String input) {
        assertThat(invalidField(with("issueType", input))).isEqualTo("issueType");
    }

    // ---------------------------------------------------------------- control characters

    @ParameterizedTest(name = "{0} [{1}] rejected")
    @CsvSource({ "userName,      Hong<TAB>Gil", "userName,      A<NEL>B", // C1 control
            "engName,       HONG<DEL>", "engName,       HONG<LF>GIL", "address,       서울<LF>중구",
            "address,       서울<CR><LF>중구", "addressDetail, 3층<BEL>", "addressDetail, <NUL>", // NUL
                                                                                             // is
                                                                                             // not
                                                                                             // whitespace,
                                                                                             // so
                                                                                             // trimming
                                                                                             // does
                                                                                             // not
                                                                                             // remove
                                                                                             // it
            "socialNo,      <NUL>900101-1234567", "requestId,     REQ<TAB>1", "serviceId,     SVC_DEBIT<NUL>0001",
            "zipCode,       045<TAB>24", "issueType,     PRE<LF>_ISSUE", })
    void controlCharactersRejected(String field, String input) {
        assertThat(invalidField(with(field, input))).isEqualTo(field);
    }

    @ParameterizedTest(name = "{0} [{1}] -> [{2}]")
    @CsvSource({ "userName,      <TAB>홍길동<CR><LF>, 홍길동", "addressDetail, 3층<CR>,             3층",
            "address,       <LF>서울 중구<TAB>,   서울 중구", })
    void surroundingWhitespaceControlsAreTrimmedNotRejected(String field, String input, String expected) {
        ValidRequest r = valid(with(field, input));
        String actual = switch (field) {
            case "userName" -> r.userName();
            case "address" -> r.address();
            default -> r.addressDetail();
        };
        assertThat(actual).isEqualTo(expected);
    }

}
