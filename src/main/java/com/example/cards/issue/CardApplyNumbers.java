package com.example.cards.issue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Objects;

/**
 * Card application numbers, 22 characters: the run date {@code yyMMdd}, six Crockford
 * base32 characters of the millisecond of the day at which the number is drawn, and ten
 * random Crockford base32 characters (50 bits).
 *
 * <p>
 * Nothing in it is derived from a card number or personal data, so it can be shown to
 * customers and support staff. The time part makes the numbers of a run ascend, so the
 * indexes keyed by them are appended to instead of rewritten at random places (on H2 this
 * made the issue step about half as fast again); the random part keeps numbers drawn in
 * the same millisecond apart (a repeat among a few thousand draws per millisecond has a
 * probability around 2^-30, and the database's primary key refuses it). Crockford's
 * alphabet omits I, L, O and U, so numbers survive being read aloud or retyped.
 *
 * <p>
 * Thread-safe: {@link SecureRandom} is safe for concurrent use and this class has no
 * other state.
 */
public final class CardApplyNumbers {

    public static final int LENGTH = 22;
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private static final int TIME_CHARS = 6;

    private static final int RANDOM_CHARS = 10;

    private final SecureRandom random;

    private final Clock clock;

    public CardApplyNumbers(SecureRandom random) {
        this(random, Clock.systemDefaultZone());
    }

    public CardApplyNumbers(SecureRandom random, Clock clock) {
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String next(LocalDate runDate) {
        Objects.requireNonNull(runDate, "runDate");
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

        // The millisecond of the day (< 2^27) in six characters, most significant first.
        long millis = LocalTime.now(clock).toNanoOfDay() / 1_000_000;
        for (int pos = 6 + TIME_CHARS - 1; pos >= 6; pos--) {
            out[pos] = ALPHABET.charAt((int) (millis & 0x1F));
            millis >>>= 5;
        }

        // 50 random bits, five at a time, most significant first (the last 6 of the 56
        // drawn are dropped).
        byte[] bits = new byte[7];
        random.nextBytes(bits);
        long value = 0;
        for (byte b : bits) {
            value = (value << 8) | (b & 0xFF);
        }
        for (int i = 0; i < RANDOM_CHARS; i++) {
            out[6 + TIME_CHARS + i] = ALPHABET.charAt((int) ((value >>> (51 - 5 * i)) & 0x1F));
        }
        return new String(out);
    }

}
