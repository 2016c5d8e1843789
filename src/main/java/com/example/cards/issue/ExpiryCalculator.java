package com.example.cards.issue;

import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * Card expiry dates. Cards are valid through the end of their expiry month, so the date
 * is always a month end.
 */
public final class ExpiryCalculator {

    /** Twenty years: longer validities are data errors, not products. */
    public static final int MAX_VALIDITY_MONTHS = 240;

    private ExpiryCalculator() {
    }

    /**
     * The last day of the month {@code validityMonths} after {@code runDate}.
     * @throws IllegalArgumentException if {@code validityMonths} is outside 1..240
     */
    public static LocalDate expiry(LocalDate runDate, int validityMonths) {
        Objects.requireNonNull(runDate, "runDate");
        if (validityMonths < 1 || validityMonths > MAX_VALIDITY_MONTHS) {
            throw new IllegalArgumentException(
                    "validityMonths must be 1.." + MAX_VALIDITY_MONTHS + ", was " + validityMonths);
        }
        // plusMonths clamps the day (Jan 31 + 1 month = Feb 28/29), which is harmless
        // since we move to month end.
        return runDate.plusMonths(validityMonths).with(TemporalAdjusters.lastDayOfMonth());
    }

    /** {@code yyyyMMdd}, the form stored in the card record. */
    public static String yyyymmdd(LocalDate date) {
        Objects.requireNonNull(date, "date");
        // DateTimeFormatter.BASIC_ISO_DATE gives the same for years 0000-9999 without
        // String.format's cost per card.
        return date.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
    }

    /**
     * {@code YYMM}, the form the card schemes use on the magnetic stripe and in CVV
     * input.
     */
    public static String yymm(LocalDate date) {
        Objects.requireNonNull(date, "date");
        int yy = Math.floorMod(date.getYear(), 100);
        int mm = date.getMonthValue();
        return new String(new char[] { (char) ('0' + yy / 10), (char) ('0' + yy % 10), (char) ('0' + mm / 10),
                (char) ('0' + mm % 10) });
    }

}
