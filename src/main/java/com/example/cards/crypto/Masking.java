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
     * Whether {@code text} holds a value shaped like a resident registration number: six
     * digits that are a valid date (yymmdd), an optional hyphen, a century/gender digit 1
     * to 8 and six more digits, with no digit right before or after it.
     * @param hyphenOnly recognise only the form with its hyphen (for numeric identifiers,
     * which may legitimately be a plain run of 13 digits)
     */
    public static boolean containsRrn(String text, boolean hyphenOnly) {
        return text != null && nextRrn(text, 0, hyphenOnly) >= 0;
    }

    /**
     * {@code text} with every RRN-shaped value in it ({@link #containsRrn}) masked as
     * {@link #rrn} masks it; other characters unchanged. {@code null} stays {@code null}.
     */
    public static String maskRrns(String text, boolean hyphenOnly) {
        if (text == null) {
            return null;
        }
        int found = nextRrn(text, 0, hyphenOnly);
        if (found < 0) {
            return text;
        }
        StringBuilder masked = new StringBuilder(text.length());
        int from = 0;
        while (found >= 0) {
            int length = text.charAt(found + 6) == '-' ? 14 : 13;
            masked.append(text, from, found).append(rrn(text.substring(found, found + length)));
            from = found + length;
            found = nextRrn(text, from, hyphenOnly);
        }
        return masked.append(text, from, text.length()).toString();
    }

    /** The start of the next RRN-shaped value at or after {@code from}, or -1. */
    private static int nextRrn(String text, int from, boolean hyphenOnly) {
        int n = text.length();
        for (int start = from; start + 13 <= n; start++) {
            if (start > 0 && isDigit(text.charAt(start - 1))) {
                continue;
            }
            if (!digits(text, start, 6)) {
                continue;
            }
            boolean hyphen = text.charAt(start + 6) == '-';
            if (hyphenOnly && !hyphen) {
                continue;
            }
            int rest = start + (hyphen ? 7 : 6);
            if (rest + 7 > n || !digits(text, rest, 7) || (rest + 7 < n && isDigit(text.charAt(rest + 7)))) {
                continue;
            }
            if (validBirth(text, start, text.charAt(rest))) {
                return start;
            }
        }
        return -1;
    }

    private static boolean validBirth(String text, int start, char century) {
        int yy = (text.charAt(start) - '0') * 10 + (text.charAt(start + 1) - '0');
        int mm = (text.charAt(start + 2) - '0') * 10 + (text.charAt(start + 3) - '0');
        int dd = (text.charAt(start + 4) - '0') * 10 + (text.charAt(start + 5) - '0');
        int year;
        switch (century) {
            case '1', '2', '5', '6' -> year = 1900 + yy;
            case '3', '4', '7', '8' -> year = 2000 + yy;
            default -> {
                return false;
            }
        }
        if (mm < 1 || mm > 12 || dd < 1) {
            return false;
        }
        return dd <= java.time.YearMonth.of(year, mm).lengthOfMonth();
    }

    private static boolean digits(String text, int start, int count) {
        for (int i = start; i < start + count; i++) {
            if (!isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
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
