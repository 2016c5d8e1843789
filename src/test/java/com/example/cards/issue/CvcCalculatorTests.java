package com.example.cards.issue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CvcCalculatorTests {

    /**
     * Published test-only CVK pair from the scheme's known-answer vectors; never a
     * production key.
     */
    private static final byte[] CVK_A = HexFormat.of().parseHex("0123456789ABCDEF");

    private static final byte[] CVK_B = HexFormat.of().parseHex("FEDCBA9876543210");

    private static final String TEST_PAN = "9123457762573918";

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource({ "4123456789012345, 8701, 101, 561", "4999988887777000, 9105, 111, 245",
            "4666655554444111, 9206, 120, 664", "4333322221111222, 9307, 141, 382", "4123456789012,    8701, 101, 370",
            "1234567890123456, 9912, 220, 170", })
    void knownAnswers(String pan, String yymm, String serviceCode, String expected) {
        assertThat(CvcCalculator.cvv(pan, yymm, serviceCode, CVK_A, CVK_B)).isEqualTo(expected);
        assertThat(new CvcCalculator(CVK_A, CVK_B).cvv(pan, yymm, serviceCode)).isEqualTo(expected);
    }

    @Test
    void instanceWithCachedEnginesGivesWhatTheStaticMethodGives() {
        Random random = new Random(20240617L);
        for (int k = 0; k < 20; k++) {
            byte[] keyA = new byte[8];
            byte[] keyB = new byte[8];
            random.nextBytes(keyA);
            random.nextBytes(keyB);
            CvcCalculator calculator = new CvcCalculator(keyA, keyB);
            for (int i = 0; i < 500; i++) {
                String pan = digits(random, 8 + random.nextInt(12));
                String yymm = digits(random, 4);
                String serviceCode = digits(random, 3);
                assertThat(calculator.cvv(pan, yymm, serviceCode))
                    .isEqualTo(CvcCalculator.cvv(pan, yymm, serviceCode, keyA, keyB));
            }
        }
    }

    @Test
    void instanceGivesTheSameValuesOnFourThreadsAsOnOne() throws Exception {
        CvcCalculator calculator = new CvcCalculator(CVK_A, CVK_B);
        Random random = new Random(20240618L);
        List<String> pans = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            pans.add(digits(random, 16));
        }
        List<String> expected = pans.stream().map(pan -> calculator.cvv(pan, "3112", "000")).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> pans.stream().map(pan -> calculator.cvv(pan, "3112", "000")).toList()));
            }
            for (Future<List<String>> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        }
        finally {
            pool.shutdown();
        }
    }

    @Test
    void instanceCopiesTheKeysAndRejectsBadOnes() {
        byte[] a = CVK_A.clone();
        byte[] b = CVK_B.clone();
        CvcCalculator calculator = new CvcCalculator(a, b);
        Arrays.fill(a, (byte) 0);
        Arrays.fill(b, (byte) 0);
        assertThat(calculator.cvv("4123456789012345", "8701", "101")).isEqualTo("561");

        assertThatIllegalArgumentException().isThrownBy(() -> new CvcCalculator(null, CVK_B))
            .withMessageContaining("CVK-A");
        assertThatIllegalArgumentException().isThrownBy(() -> new CvcCalculator(CVK_A, new byte[16]))
            .withMessageContaining("CVK-B");
        assertThatIllegalArgumentException().isThrownBy(() -> calculator.cvv("9123457", "3111", "201"))
            .withMessageContaining("PAN")
            .withMessageNotContaining("9123457");
    }

    private static String digits(Random random, int length) {
        StringBuilder digits = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
    }

    @Test
    void doesNotRequireALuhnValidPan() {
        // 1234567890123456 fails Luhn but is one of the known-answer vectors above.
        assertThat(Luhn.isValid("1234567890123456")).isFalse();
        assertThat(CvcCalculator.cvv("1234567890123456", "9912", "220", CVK_A, CVK_B)).isEqualTo("170");
    }

    @Test
    void dependsOnEveryInput() {
        String base = CvcCalculator.cvv(TEST_PAN, "3111", "201", CVK_A, CVK_B);
        assertThat(base).matches("\\d{3}");
        // Each change may collide with probability about 1/1000; these particular ones
        // are checked not to.
        assertThat(CvcCalculator.cvv(TEST_PAN, "3111", "000", CVK_A, CVK_B)).isNotEqualTo(base);
        assertThat(CvcCalculator.cvv(TEST_PAN, "3112", "201", CVK_A, CVK_B)).isNotEqualTo(base);
        assertThat(CvcCalculator.cvv("9123458595477699", "3111", "201", CVK_A, CVK_B)).isNotEqualTo(base);
        assertThat(CvcCalculator.cvv(TEST_PAN, "3111", "201", CVK_B, CVK_A)).isNotEqualTo(base);
    }

    @ParameterizedTest(name = "[{index}] {5}")
    @CsvSource(nullValues = "NULL", value = { "NULL,                 3111,  201,  8, 8, PAN",
            "'',                   3111,  201,  8, 8, PAN", "9123457762573918X,    3111,  201,  8, 8, PAN",
            "'9123 4577 6257 3918', 3111, 201,  8, 8, PAN", "9123457,              3111,  201,  8, 8, PAN",
            "91234577625739180000, 3111,  201,  8, 8, PAN", "9123457762573918,     NULL,  201,  8, 8, expiry",
            "9123457762573918,     311,   201,  8, 8, expiry", "9123457762573918,     31110, 201,  8, 8, expiry",
            "9123457762573918,     31/1,  201,  8, 8, expiry", "9123457762573918,     3111,  NULL, 8, 8, service code",
            "9123457762573918,     3111,  21,   8, 8, service code",
            "9123457762573918,     3111,  2011, 8, 8, service code",
            "9123457762573918,     3111,  2a1,  8, 8, service code", "9123457762573918,     3111,  201,  16, 8, CVK-A",
            "9123457762573918,     3111,  201,  7, 8, CVK-A", "9123457762573918,     3111,  201,  -1, 8, CVK-A",
            "9123457762573918,     3111,  201,  8, 0, CVK-B", "9123457762573918,     3111,  201,  8, 24, CVK-B",
            "9123457762573918,     3111,  201,  8, -1, CVK-B", })
    void rejectsMalformedInputWithoutEchoingThePan(String pan, String yymm, String serviceCode, int keyALength,
            int keyBLength, String namedField) {
        byte[] keyA = keyALength < 0 ? null : new byte[keyALength];
        byte[] keyB = keyBLength < 0 ? null : new byte[keyBLength];

        assertThatIllegalArgumentException().isThrownBy(() -> CvcCalculator.cvv(pan, yymm, serviceCode, keyA, keyB))
            .withMessageContaining(namedField)
            .satisfies(e -> {
                assertThat(e.getMessage()).doesNotContain("91234577625739");
                if (pan != null && !pan.isEmpty()) {
                    assertThat(e.getMessage()).doesNotContain(pan);
                }
            });
    }

    @Test
    void doesNotModifyTheCallersKeys() {
        byte[] a = CVK_A.clone();
        byte[] b = CVK_B.clone();
        CvcCalculator.cvv(TEST_PAN, "3111", "201", a, b);
        assertThat(a).isEqualTo(CVK_A);
        assertThat(b).isEqualTo(CVK_B);
    }

}
