package com.example.cards.request;

import java.math.BigInteger;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static com.example.cards.request.TestRequests.ORDER;
import static com.example.cards.request.TestRequests.invalidField;
import static com.example.cards.request.TestRequests.valid;
import static com.example.cards.request.TestRequests.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole-record behaviour: the failure order, normalisation, and the assembled
 * {@link ValidRequest}.
 */
class RequestValidatorTests {

    /** One bad value per field, each failing on its own against the base request. */
    private static final String[] ALL_BAD = { "userId", "0", "userName", "", "engName", "홍길동", "socialNo",
            "000229-1234567", "mobileNumber", "011-1234-5678", "existOcrFile", "X", "address", "<a*256>",
            "addressDetail", "<a*256>", "zipCode", "00000", "serviceId", "SHORT", "requestId", "bad id", "bankCode",
            "88", "accountNo", "123", "issueType", "MOBILE", "withCashIc", "X", "isDeliveryRequired", "X", };

    @ParameterizedTest(name = "first {0} fields fixed -> {1}")
    @CsvSource({ "0,  userId", "1,  userName", "2,  engName", "3,  socialNo", "4,  mobileNumber", "5,  existOcrFile",
            "6,  address", "7,  addressDetail", "8,  zipCode", "9,  serviceId", "10, requestId", "11, bankCode",
            "12, accountNo", "13, issueType", "14, withCashIc", "15, isDeliveryRequired", })
    void everyFieldBadReportsTheFirstInOrder(int fixed, String expected) {
        // Start with every field bad, restore the first `fixed` fields of the order to
        // their base values.
        RequestFields raw = with(ALL_BAD);
        for (int i = 0; i < fixed; i++) {
            String field = ORDER.get(i);
            raw = with(raw, field, TestRequests.BASE.get(RequestFields.COLUMNS.indexOf(field)));
        }
        assertThat(invalidField(raw)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "each bad value on its own fails {0}")
    @CsvSource({ "userId", "userName", "engName", "socialNo", "mobileNumber", "existOcrFile", "address",
            "addressDetail", "zipCode", "serviceId", "requestId", "bankCode", "accountNo", "issueType", "withCashIc",
            "isDeliveryRequired" })
    void eachBadValueFailsAlone(String field) {
        int i = List.of(ALL_BAD).indexOf(field);
        assertThat(invalidField(with(field, ALL_BAD[i + 1]))).isEqualTo(field);
    }

    @ParameterizedTest(name = "{0}=[{1}] + {2}=[{3}] -> {4}")
    @CsvSource({ "zipCode,            00000,   userId,        0,              userId",
            "requestId,          bad id,  serviceId,     SHORT,          serviceId",
            "isDeliveryRequired, X,       existOcrFile,  X,              existOcrFile",
            "accountNo,          123,     address,       <a*256>,        address",
            "mobileNumber,       x,       socialNo,      x,              socialNo",
            "bankCode,           x,       requestId,     bad id,         requestId",
            "withCashIc,         x,       issueType,     x,              issueType",
            "zipCode,            1,       addressDetail, <a*256>,        addressDetail",
            "engName,            É,       userName,      <가*101>,       userName", })
    void twoBadFieldsReportTheEarlierInOrder(String f1, String v1, String f2, String v2, String expected) {
        assertThat(invalidField(with(f1, v1, f2, v2))).isEqualTo(expected);
    }

    @Test
    void fullValidRecordIsNormalised() {
        RequestFields raw = with("requestId", "  REQ-20250101-000001 ", "userId", "000123456789012", "userName",
                Normalizer.normalize(" 홍길동 ", Normalizer.Form.NFD), "engName", " Hong Gil-dong ", "socialNo",
                "9001011234567", "mobileNumber", "+82 10 1234 5678", "existOcrFile", "y", "bankCode", " 088",
                "accountNo", "110-123-456789", "serviceId", "SVC_DEBIT_00001", "issueType", "pre_issue", "withCashIc",
                "y", "isDeliveryRequired", "y", "zipCode", " 04524 ", "address", "서울특별시 중구 세종대로 110", "addressDetail",
                "  ");

        ValidRequest r = valid(raw);

        assertThat(r).isEqualTo(new ValidRequest("REQ-20250101-000001", new BigInteger("123456789012"), "홍길동",
                "Hong Gil-dong", "9001011234567", "010-1234-5678", true, "088", "110123456789", "SVC_DEBIT_00001",
                IssueType.PRE_ISSUE, true, true, "04524", "서울특별시 중구 세종대로 110", null));
    }

    @Test
    void baseRecordIsValid() {
        ValidRequest r = valid(TestRequests.base());
        assertThat(r.requestId()).isEqualTo("REQ-20250101-000001");
        assertThat(r.userId()).isEqualTo(new BigInteger("123456789012"));
        assertThat(r.userName()).isEqualTo("홍길동");
        assertThat(r.engName()).isEqualTo("HONG GIL DONG");
        assertThat(r.rrn()).isEqualTo("9001011234567");
        assertThat(r.mobileNumber()).isEqualTo("010-1234-5678");
        assertThat(r.ocrConfirmed()).isTrue();
        assertThat(r.bankCode()).isEqualTo("088");
        assertThat(r.accountNo()).isEqualTo("110123456789");
        assertThat(r.serviceId()).isEqualTo("SVC_DEBIT_00001");
        assertThat(r.issueType()).isEqualTo(IssueType.PHYSICAL);
        assertThat(r.withCashIc()).isFalse();
        assertThat(r.deliveryRequired()).isTrue();
        assertThat(r.zipCode()).isEqualTo("04524");
        assertThat(r.address()).isEqualTo("서울특별시 중구 세종대로 110");
        assertThat(r.addressDetail()).isEqualTo("3층");
    }

    // ---------------------------------------------------------------- NFC

    @ParameterizedTest(name = "NFD {0} -> NFC")
    @CsvSource({ "userName,      홍길동", "address,       서울특별시 중구 세종대로 110", "addressDetail, 3층 302호", })
    void decomposedHangulIsComposed(String field, String composed) {
        String decomposed = Normalizer.normalize(composed, Normalizer.Form.NFD);
        assertThat(decomposed).isNotEqualTo(composed); // really jamo

        ValidRequest r = valid(with(field, decomposed));

        String actual = switch (field) {
            case "userName" -> r.userName();
            case "address" -> r.address();
            default -> r.addressDetail();
        };
        assertThat(actual).isEqualTo(composed);
    }

    @Test
    void decomposedJamoLiteralEqualsComposedName() {
        // 홍길동 typed as conjoining jamo: ㅎ ㅗ ㅇ / ㄱ ㅣ ㄹ / ㄷ ㅗ ㅇ
        String jamo = "\u1112\u1169\u11BC\u1100\u1175\u11AF\u1103\u1169\u11BC";
        assertThat(valid(with("userName", jamo)).userName()).isEqualTo("\uD64D\uAE38\uB3D9").isEqualTo("홍길동");
    }

    @Test
    void nameLengthIsCountedAfterComposition() {
        // 100 syllables arrive as 300 jamo; composed they are exactly at the limit.
        String decomposed = Normalizer.normalize("홍".repeat(100), Normalizer.Form.NFD);
        assertThat(decomposed).hasSize(300);
        assertThat(valid(with("userName", decomposed)).userName()).isEqualTo("홍".repeat(100));
    }

    // ---------------------------------------------------------------- normalize()

    @ParameterizedTest(name = "normalize [{0}] -> [{1}]")
    @CsvSource(nullValues = "NULL", value = { "NULL,            NULL", "'',              ''", "'   ',           ''",
            "'  abc  ',       abc", "<IDSP>홍길동<IDSP>, 홍길동", "a<TAB>b,         a<TAB>b", // normalize()
                                                                                        // does
                                                                                        // not
                                                                                        // judge;
                                                                                        // validate()
                                                                                        // rejects
                                                                                        // it
    })
    void normalizeTrimsAndKeepsNull(String input, String expected) {
        String in = TestRequests.decode(input);
        List<String> values = new ArrayList<>();
        RequestFields.COLUMNS.forEach(c -> values.add(in));
        RequestFields out = RequestValidator.normalize(RequestFields.of(values));
        assertThat(out.values()).containsOnly(TestRequests.decode(expected));
    }

    @Test
    void normalizeComposesEveryField() {
        String nfd = Normalizer.normalize(" 한글 ", Normalizer.Form.NFD);
        List<String> values = new ArrayList<>();
        RequestFields.COLUMNS.forEach(c -> values.add(nfd));
        assertThat(RequestValidator.normalize(RequestFields.of(values)).values()).containsOnly("한글");
    }

    // ---------------------------------------------------------------- threads

    @Test
    void oneInstanceIsSafeAcrossThreads() {
        var seen = ConcurrentHashMap.<String>newKeySet();
        IntStream.range(0, 20_000).parallel().forEach(i -> {
            RequestFields raw = i % 2 == 0 ? with("userId", Integer.toString(i + 1)) : with("zipCode", "00000");
            Validation v = TestRequests.VALIDATOR.validate(raw);
            if (i % 2 == 0) {
                seen.add(((Validation.Valid) v).request().userId().toString().equals(Integer.toString(i + 1)) ? "ok"
                        : "wrong");
            }
            else {
                seen.add(((Validation.Invalid) v).field());
            }
        });
        assertThat(seen).containsExactlyInAnyOrder("ok", "zipCode");
    }

}
