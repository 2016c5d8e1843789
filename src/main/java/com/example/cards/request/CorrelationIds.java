package com.example.cards.request;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Values for the platform's {@code X-KM-Correlation-Id} header: {@code yyMMddHHmmss-} + 7
 * lowercase hex digits.
 *
 * <p>
 * The suffix is a counter rather than random so that ids are unique within one JVM by
 * construction: two ids can only repeat if 16^7 (268,435,456) are drawn within the same
 * clock second. It starts at a random value so that two runs started in the same second
 * are unlikely to produce the same ids. Not unique across concurrent JVMs in general, and
 * a clock stepping backwards can revisit a second; the platform only needs per-run
 * uniqueness.
 *
 * <p>
 * Thread-safe.
 */
public final class CorrelationIds {

    public static final int LENGTH = 20;

    private static final Pattern FORMAT = Pattern.compile("^\\d{12}-[0-9a-f]{7}$");

    private static final long SUFFIX_MODULUS = 1L << 28;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Clock clock;

    private final AtomicLong counter;

    public CorrelationIds(Clock clock) {
        this(clock, new SecureRandom().nextInt((int) SUFFIX_MODULUS));
    }

    /** Lets tests start next to the wrap point instead of drawing 2^28 ids. */
    CorrelationIds(Clock clock, long firstSuffix) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.counter = new AtomicLong(firstSuffix);
    }

    public String next() {
        // Masking the raw counter wraps it modulo 16^7, even past Long overflow (2^64 is
        // a multiple of 2^28).
        long suffix = counter.getAndIncrement() & (SUFFIX_MODULUS - 1);
        LocalDateTime now = LocalDateTime.now(clock);

        char[] out = new char[LENGTH];
        two(out, 0, Math.floorMod(now.getYear(), 100));
        two(out, 2, now.getMonthValue());
        two(out, 4, now.getDayOfMonth());
        two(out, 6, now.getHour());
        two(out, 8, now.getMinute());
        two(out, 10, now.getSecond());
        out[12] = '-';
        for (int i = LENGTH - 1; i > 12; i--) {
            out[i] = HEX[(int) (suffix & 0xF)];
            suffix >>>= 4;
        }
        return new String(out);
    }

    /** Format only; the timestamp is not checked for being a real date. */
    public static boolean isValid(String id) {
        return id != null && FORMAT.matcher(id).matches();
    }

    private static void two(char[] out, int at, int value) {
        out[at] = (char) ('0' + value / 10);
        out[at + 1] = (char) ('0' + value % 10);
    }

}
