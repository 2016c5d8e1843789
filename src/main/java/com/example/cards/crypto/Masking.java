package com.example.cards.crypto;

/**
 * The one place where values are masked for logs, reports and CSV files, so the rules
 * cannot drift apart. All methods accept {@code null} and never throw for odd input:
 * masking runs in error paths too.
 */
public final class Masking {

    private static final char MASK = '*';

    private static final int RRN_MAX_MASK_LENGTH = 20;

    private Masking() {
    }

    /**
     * Masks a card number, preserving its length (after stripping surrounding
     * whitespace).
     *
     * <p>
     * Rule: at least 6 characters are always masked, and never more than the first 6 and
     * last 4 are shown.
     * <ul>
     * <li>16 characters or more: first 6 and last 4 shown
     * ({@code 9123456789012345 -> 912345******2345});</li>
     * <li>10 to 15: only the last 4 shown (first 6 + last 4 would leave too few digits
     * hidden);</li>
     * <li>fewer than 10: everything masked (such a value is not a card number, and its
     * last 4 would be most of it).</li>
     * </ul>
     * Positions are counted in characters, not digits, so separators or stray characters
     * can only reduce what is shown. {@code null} or blank gives "".
     */
    public static String pan(String pan) {
        if (pan == null || pan.isBlank()) {
            return "";
        }
        String value = pan.strip();
        int length = value.length();
        int head = length >= 16 ? 6 : 0;
        int tail = length >= 10 ? 4 : 0;
        return value.substring(0, head) + String.valueOf(MASK).repeat(length - head - tail)
                + value.substring(length - tail);
    }

    /**
     * The last 4 characters of a card number, under the same rule as {@link #pan}: "" for
     * {@code null}, blank, or values shorter than 10 characters (whose last 4 would
     * reveal most of them).
     */
    public static String last4(String pan) {
        if (pan == null) {
            return "";
        }
        String value = pan.strip();
        return value.length() >= 10 ? value.substring(value.length() - 4) : "";
    }

    /**
     * Masks a Korean resident registration number to birth date and gender digit:
     * {@code 900101-1234567} or {@code 9001011234567 -> 900101-1******}.
     *
     * <p>
     * Only 13 digits, or 6 digits, a hyphen and 7 digits, are recognised (surrounding
     * whitespace ignored). Anything else is masked completely, one '*' per character (at
     * most 20) so that no part of a malformed value leaks. {@code null} gives "".
     */
    public static String rrn(String rrn) {
        if (rrn == null) {
            return "";
        }
        String value = rrn.strip();
        if (value.length() == 14 && value.charAt(6) == '-') {
            value = value.substring(0, 6) + value.substring(7);
        }
        if (value.length() == 13 && isAsciiDigits(value)) {
            return value.substring(0, 6) + '-' + value.charAt(6) + String.valueOf(MASK).repeat(6);
        }
        return String.valueOf(MASK).repeat(Math.min(rrn.length(), RRN_MAX_MASK_LENGTH));
    }

    /**
     * Defuses spreadsheet formulas in a CSV cell (CSV/formula injection): a cell starting
     * with {@code =}, {@code +}, {@code -}, {@code @}, tab or carriage return gets a
     * leading {@code '}, which spreadsheet programs treat as "text, do not evaluate".
     * Other values are returned unchanged; {@code null} gives "".
     */
    public static String neutraliseFormula(String cell) {
        if (cell == null) {
            return "";
        }
        if (!cell.isEmpty()) {
            switch (cell.charAt(0)) {
                case '=', '+', '-', '@', '\t', '\r':
                    return "'" + cell;
                default:
                    break;
            }
        }
        return cell;
    }

    private static boolean isAsciiDigits(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

}
