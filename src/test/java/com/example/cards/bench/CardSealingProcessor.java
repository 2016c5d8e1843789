package com.example.cards.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * The minimal job's processor: a Luhn-valid 16-digit card number per request (a fixed
 * BIN, the request's line number, the check digit) sealed with AES-GCM under a fresh
 * random 12-byte IV, as the product seals every card number. The JDK's cipher (hardware
 * AES): the floor should be the cheapest honest way to do the same work. One instance per
 * step thread: a {@link Cipher} is not thread-safe.
 */
final class CardSealingProcessor implements ItemProcessor<MinimalRequest, MinimalCard> {

    static final String BIN = "999999";

    private static final int IV_BYTES = 12;

    private static final int TAG_BITS = 128;

    private final SecretKey key;

    private final Cipher cipher;

    private final SecureRandom random = new SecureRandom();

    CardSealingProcessor(SecretKey key) {
        this.key = key;
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", ex);
        }
    }

    @Override
    public MinimalCard process(MinimalRequest request) throws GeneralSecurityException {
        String number = cardNumber(request.lineNo());
        return new MinimalCard(request.lineNo(), request.requestId(), seal(number), mask(number));
    }

    /** The BIN, the sequence on 9 digits, the Luhn check digit: 16 digits. */
    static String cardNumber(long sequence) {
        if (sequence < 0 || sequence > 999_999_999L) {
            throw new IllegalArgumentException("sequence out of range: " + sequence);
        }
        String digits = Long.toString(sequence);
        StringBuilder number = new StringBuilder(16).append(BIN);
        number.append("000000000", 0, 9 - digits.length()).append(digits);
        return number.append(luhnCheckDigit(number)).toString();
    }

    static int luhnCheckDigit(CharSequence payload) {
        int sum = 0;
        boolean doubled = true;
        for (int i = payload.length() - 1; i >= 0; i--) {
            int digit = payload.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return (10 - sum % 10) % 10;
    }

    private String seal(String number) throws GeneralSecurityException {
        byte[] iv = new byte[IV_BYTES];
        this.random.nextBytes(iv);
        this.cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, iv));
        byte[] sealed = new byte[IV_BYTES + this.cipher.getOutputSize(number.length())];
        System.arraycopy(iv, 0, sealed, 0, IV_BYTES);
        byte[] plain = number.getBytes(StandardCharsets.US_ASCII);
        this.cipher.doFinal(plain, 0, plain.length, sealed, IV_BYTES);
        return Base64.getEncoder().encodeToString(sealed);
    }

    private static String mask(String number) {
        return number.substring(0, 6) + "******" + number.substring(number.length() - 4);
    }

}
