package com.example.cards.request;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ValidRequestTests {

    @ParameterizedTest(name = "toString hides {0}")
    @CsvSource({ "900101-1357924, 9001011357924, 900101-1******", "9001011357924,  9001011357924, 900101-1******",
            "000229-3987654, 0002293987654, 000229-3******", })
    void toStringNeverPrintsTheRrn(String socialNo, String rrn, String masked) {
        // Tails chosen so no other field of the base request happens to contain the same
        // digits.
        ValidRequest r = TestRequests.valid(TestRequests.with("socialNo", socialNo));
        assertThat(r.rrn()).isEqualTo(rrn);

        String text = r.toString();
        String tail = rrn.substring(6);
        assertThat(text).doesNotContain(rrn)
            .doesNotContain(tail)
            .doesNotContain(rrn.substring(7))
            .doesNotContain(socialNo)
            .contains("rrn=" + masked);
        assertThat(new Validation.Valid(r).toString()).doesNotContain(rrn).doesNotContain(tail);
    }

    @Test
    void toStringStillShowsTheOtherFields() {
        String text = TestRequests.valid(TestRequests.base()).toString();
        assertThat(text).contains("requestId=REQ-20250101-000001", "userId=123456789012", "issueType=PHYSICAL",
                "mobileNumber=010-1234-5678", "zipCode=04524");
    }

    @Test
    void toStringCopesWithUnvalidatedValues() {
        ValidRequest odd = new ValidRequest(null, null, null, null, "90010112345678", null, false, null, null, null,
                null, false, false, null, null, null);
        assertThat(odd.toString()).doesNotContain("1234").contains("rrn=*************");
        ValidRequest none = new ValidRequest(null, null, null, null, null, null, false, null, null, null, null, false,
                false, null, null, null);
        assertThat(none.toString()).contains("rrn=null");
    }

}
