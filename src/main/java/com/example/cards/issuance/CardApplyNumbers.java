package com.example.cards.issuance;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Card application numbers: run date {@code yyMMdd} + 16 Crockford base32 characters (80 random bits).
 *
 * <p>The random part is drawn fresh, never derived from a card number or personal data, so the application number
 * can be shown to customers and support staff without revealing anything. 80 bits make collisions negligible
 * (birthday bound around 2^40 per day). Crockford's alphabet omits I, L, O and U so numbers survive being read
 * aloud or retyped.
 *
 * <p>Thread-safe: {@link SecureRandom} is safe for concurrent use and this class has no other state.
 */
public final class CardApplyNumbers {

    public static final int LENGTH = 22;
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int RANDOM_CHARS = 16;

    private final SecureRandom random;

    public CardApplyNumbers(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    public String next(LocalDate runDate) {
        Objects.requireNonNull(runDate, "runDate");
        byte[] bits = new byte[RANDOM_CHARS * 5 / 8];
        random.nextBytes(bits);

        char[] out = new char[LENGTH];
        int year = Math.floorMod(runDate.getYear(), 100);
        int month = runDate.getMonthValue();
        int day = runDate.getDayOfMonth();
        out[0] = (char) ('0' + year / 10);
        out[1] = (char) ('0' + year % 10);
        out[2] = (char) ('0' + month / 10);
        out[3] = (char) ('0' + month % 10);
        out[4] = (char) ('0' + day / 10);
        out[5] = (char) ('0' + day % 10);

        // Consume the 80 bits five at a time, most significant first.
        int buffer = 0;
        int buffered = 0;
        int pos = 6;
        for (byte b : bits) {
            buffer = (buffer << 8) | (b & 0xFF);
            buffered += 8;
            while (buffered >= 5) {
                buffered -= 5;
                out[pos++] = ALPHABET.charAt((buffer >>> buffered) & 0x1F);
            }
        }
        return new String(out);
    }
}
