package com.example.cards.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * A card-scheme CVC key pair: two 8-byte single-DES keys (CVK-A, CVK-B).
 *
 * <p>
 * Arrays are copied in and out so that a caller wiping or reusing its array cannot change
 * the key held here, and equality compares contents (the record default would compare
 * array identity). {@code toString} never shows key bytes, because records end up in log
 * lines.
 */
public record CvkPair(byte[] keyA, byte[] keyB) {

    private static final int KEY_LENGTH = 8;

    public CvkPair {
        Objects.requireNonNull(keyA, "keyA");
        Objects.requireNonNull(keyB, "keyB");
        if (keyA.length != KEY_LENGTH || keyB.length != KEY_LENGTH) {
            throw new IllegalArgumentException("CVK-A and CVK-B must be " + KEY_LENGTH + " bytes each, got "
                    + keyA.length + " and " + keyB.length);
        }
        keyA = keyA.clone();
        keyB = keyB.clone();
    }

    @Override
    public byte[] keyA() {
        return keyA.clone();
    }

    @Override
    public byte[] keyB() {
        return keyB.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CvkPair that && Arrays.equals(keyA, that.keyA) && Arrays.equals(keyB, that.keyB);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(keyA) + Arrays.hashCode(keyB);
    }

    @Override
    public String toString() {
        return "CvkPair[redacted]";
    }
}
