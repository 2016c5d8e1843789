package com.example.cards.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.example.cards.issue.Luhn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CardSealingProcessorTests {

    private static final SecretKey KEY = new SecretKeySpec(new byte[32], "AES");

    @ParameterizedTest
    @CsvSource({ "7992739871, 3", "412345678901234, 9", "912345000000000, 0", "000000000000000, 0", "1, 8" })
    void checkDigit(String payload, int expected) {
        assertThat(CardSealingProcessor.luhnCheckDigit(payload)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({ "0, 9999990000000006", "2, 9999990000000022", "1000001, 9999990010000012",
            "999999999, 9999999999999995" })
    void cardNumbersAreTheBinTheSequenceAndACheckDigit(long sequence, String expected) {
        assertThat(CardSealingProcessor.cardNumber(sequence)).isEqualTo(expected);
        // The product's own Luhn, as an independent check.
        assertThat(Luhn.isValid(expected)).isTrue();
    }

    @Test
    void sealsTheNumberWithAFreshIvEachTime() throws Exception {
        CardSealingProcessor processor = new CardSealingProcessor(KEY);
        MinimalCard first = processor.process(request(42));
        MinimalCard second = processor.process(request(42));

        assertThat(first.lineNo()).isEqualTo(42);
        assertThat(first.requestId()).isEqualTo("REQ-42");
        assertThat(first.maskedNumber()).isEqualTo("999999******0428");
        assertThat(unseal(first.sealedNumber())).isEqualTo("9999990000000428");
        assertThat(unseal(second.sealedNumber())).isEqualTo("9999990000000428");
        assertThat(Arrays.copyOf(Base64.getDecoder().decode(first.sealedNumber()), 12))
            .isNotEqualTo(Arrays.copyOf(Base64.getDecoder().decode(second.sealedNumber()), 12));
    }

    private static MinimalRequest request(long lineNo) {
        return new MinimalRequest(lineNo, "REQ-" + lineNo, "10000001", "김민준", "KIM MINJUN", "900101-1234567",
                "010-1234-5678", "Y", "088", "110-123-456789", "DEBIT0000000001", "PHYSICAL", "N", "N", "", "", "");
    }

    private static String unseal(String sealed) throws Exception {
        byte[] bytes = Base64.getDecoder().decode(sealed);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, KEY, new GCMParameterSpec(128, bytes, 0, 12));
        return new String(cipher.doFinal(bytes, 12, bytes.length - 12), StandardCharsets.US_ASCII);
    }

}
