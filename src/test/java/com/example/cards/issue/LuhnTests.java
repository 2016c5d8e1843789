package com.example.cards.issue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LuhnTests {

    @ParameterizedTest
    @CsvSource({ "7992739871, 3", "0, 0", "1, 8", "9, 1", "412345678901234, 9", "912345000000000, 0",
            "000000000000000, 0", })
    void checkDigit(String payload, int expected) {
        assertThat(Luhn.checkDigit(payload)).isEqualTo(expected);
        assertThat(Luhn.isValid(payload + expected)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({ "79927398713, true", "79927398710, false", "79927398731, false", "4111111111111111, true",
            "4111111111111112, false", "9123457762573918, true", "00, true", "0, false", })
    void isValid(String number, boolean expected) {
        assertThat(Luhn.isValid(number)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "abc", "4111 1111 1111 1111", "4111-1111", "12a4", " 18", "١٢٣٤" })
    void isValidIsFalseForMalformedInput(String number) {
        assertThat(Luhn.isValid(number)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "12a", "1 2", "١٢٣" })
    void checkDigitRejectsMalformedPayload(String payload) {
        assertThatIllegalArgumentException().isThrownBy(() -> Luhn.checkDigit(payload));
    }

    @Test
    void exactlyOneCheckDigitValidatesAnyPayload() {
        SplittableRandom random = new SplittableRandom(42);
        for (int n = 0; n < 2_000; n++) {
            StringBuilder payload = new StringBuilder();
            int length = 1 + random.nextInt(19);
            for (int i = 0; i < length; i++) {
                payload.append((char) ('0' + random.nextInt(10)));
            }
            int check = Luhn.checkDigit(payload);
            for (int d = 0; d <= 9; d++) {
                assertThat(Luhn.isValid(payload.toString() + d)).as("%s + %d", payload, d).isEqualTo(d == check);
            }
        }
    }

    @Test
    void detectsEveryAdjacentTransposition() {
        // Luhn catches all single-digit errors and all adjacent swaps except 09 <-> 90.
        String valid = "9123457762573918";
        for (int i = 0; i + 1 < valid.length(); i++) {
            char a = valid.charAt(i);
            char b = valid.charAt(i + 1);
            if (a == b || (a == '0' && b == '9') || (a == '9' && b == '0')) {
                continue;
            }
            String swapped = valid.substring(0, i) + b + a + valid.substring(i + 2);
            assertThat(Luhn.isValid(swapped)).as(swapped).isFalse();
        }
    }

}
