package com.example.cards.issue;

/**
 * The ISO/IEC 7812 mod-10 check digit. It only catches typing errors; it is not a
 * security feature.
 */
public final class Luhn {

    private Luhn() {
    }

    /**
     * The digit to append to {@code payloadWithoutCheckDigit} so that the whole number
     * passes {@link #isValid}.
     * @throws IllegalArgumentException if the payload is null, empty or contains anything
     * but ASCII digits
     */
    public static int checkDigit(CharSequence payloadWithoutCheckDigit) {
        if (!isDigits(payloadWithoutCheckDigit)) {
            throw new IllegalArgumentException("payload must be a non-empty string of digits");
        }
        // The check digit will occupy the rightmost position, so the payload's last digit
        // is the first one doubled.
        int sum = sum(payloadWithoutCheckDigit, true);
        return (10 - sum % 10) % 10;
    }

    /**
     * Whether {@code number} (payload followed by its check digit) passes the mod-10
     * check. False rather than an exception for malformed input, because callers use this
     * on untrusted strings.
     */
    public static boolean isValid(CharSequence number) {
        // A lone digit has no payload to protect; treating it as valid would hide an
        // input error.
        if (number == null || number.length() < 2 || !isDigits(number)) {
            return false;
        }
        return sum(number, false) % 10 == 0;
    }

    private static int sum(CharSequence digits, boolean doubleRightmost) {
        int sum = 0;
        boolean doubleIt = doubleRightmost;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum;
    }

    static boolean isDigits(CharSequence s) {
        if (s == null || s.length() == 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // Character.isDigit would accept non-ASCII digits such as Arabic-Indic ones.
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

}
