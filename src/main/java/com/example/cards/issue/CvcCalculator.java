package com.example.cards.issue;

import java.util.Arrays;

import com.example.cards.crypto.CvkPair;

import org.bouncycastle.crypto.engines.DESEngine;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The card-scheme CVV / CVC2 algorithm (two single-DES card verification keys, CVK-A and
 * CVK-B).
 *
 * <p>
 * An instance is bound to one CVK pair and is thread-safe: each thread keys its own DES
 * and triple-DES engines once, because the DES key schedules cost more than the three
 * block operations of a CVV (one core went from about 115k to 1.8M CVVs/s). The static
 * {@link #cvv(String, String, String, byte[], byte[])} keys fresh engines on every call.
 *
 * <p>
 * Never logs and never puts the PAN, keys or result in exception messages: all three are
 * sensitive card data. Does not check the PAN's Luhn digit, because the scheme algorithm
 * does not, and test PANs often fail it.
 */
public final class CvcCalculator {

    private static final int DES_KEY_BYTES = 8;

    private static final int MIN_PAN_DIGITS = 8;

    private static final int MAX_PAN_DIGITS = 19;

    private final byte[] cvkA;

    private final byte[] cvkB;

    private final ThreadLocal<KeyedEngines> engines = ThreadLocal.withInitial(this::keyedEngines);

    /**
     * @param cvkA CVK-A, 8 bytes; copied, so the caller may wipe its array afterwards
     * @param cvkB CVK-B, 8 bytes; copied likewise
     * @throws IllegalArgumentException if a key is missing or not 8 bytes; the message
     * never contains key bytes
     */
    public CvcCalculator(byte[] cvkA, byte[] cvkB) {
        checkKeys(cvkA, cvkB);
        this.cvkA = cvkA.clone();
        this.cvkB = cvkB.clone();
    }

    /**
     * A calculator for a keystore's CVK pair; the copies of its keys taken here are wiped
     * once the calculator holds its own.
     */
    public static CvcCalculator of(CvkPair cvk) {
        byte[] keyA = cvk.keyA();
        byte[] keyB = cvk.keyB();
        try {
            return new CvcCalculator(keyA, keyB);
        }
        finally {
            Arrays.fill(keyA, (byte) 0);
            Arrays.fill(keyB, (byte) 0);
        }
    }

    /**
     * The CVV of a card under this calculator's CVK pair; the same value as the static
     * {@link #cvv(String, String, String, byte[], byte[])} with these keys.
     * @throws IllegalArgumentException if an input is malformed; the message never
     * contains the PAN
     */
    public String cvv(String pan, String expiryYymm, String serviceCode) {
        checkInputs(pan, expiryYymm, serviceCode);
        KeyedEngines keyed = engines.get();
        return compute(pan, expiryYymm, serviceCode, keyed.des(), keyed.tripleDes());
    }

    /**
     * @param pan the primary account number, 8..19 digits
     * @param expiryYymm the expiry as YYMM (card-scheme order, year first)
     * @param serviceCode the 3-digit service code; use "000" for CVC2 printed on the card
     * @param cvkA CVK-A, 8 bytes
     * @param cvkB CVK-B, 8 bytes
     * @return the 3-digit CVV
     * @throws IllegalArgumentException if an input is malformed; the message never
     * contains the PAN
     */
    public static String cvv(String pan, String expiryYymm, String serviceCode, byte[] cvkA, byte[] cvkB) {
        checkInputs(pan, expiryYymm, serviceCode);
        checkKeys(cvkA, cvkB);
        KeyedEngines keyed = keyedEngines(cvkA, cvkB);
        return compute(pan, expiryYymm, serviceCode, keyed.des(), keyed.tripleDes());
    }

    private static void checkInputs(String pan, String expiryYymm, String serviceCode) {
        if (pan == null || pan.length() < MIN_PAN_DIGITS || pan.length() > MAX_PAN_DIGITS || !Luhn.isDigits(pan)) {
            throw new IllegalArgumentException("PAN must be " + MIN_PAN_DIGITS + ".." + MAX_PAN_DIGITS + " digits");
        }
        if (expiryYymm == null || expiryYymm.length() != 4 || !Luhn.isDigits(expiryYymm)) {
            throw new IllegalArgumentException("expiry must be 4 digits YYMM");
        }
        if (serviceCode == null || serviceCode.length() != 3 || !Luhn.isDigits(serviceCode)) {
            throw new IllegalArgumentException("service code must be 3 digits");
        }
    }

    private static void checkKeys(byte[] cvkA, byte[] cvkB) {
        if (cvkA == null || cvkA.length != DES_KEY_BYTES) {
            throw new IllegalArgumentException("CVK-A must be " + DES_KEY_BYTES + " bytes");
        }
        if (cvkB == null || cvkB.length != DES_KEY_BYTES) {
            throw new IllegalArgumentException("CVK-B must be " + DES_KEY_BYTES + " bytes");
        }
    }

    private KeyedEngines keyedEngines() {
        return keyedEngines(cvkA, cvkB);
    }

    private static KeyedEngines keyedEngines(byte[] cvkA, byte[] cvkB) {
        DESEngine des = new DESEngine();
        des.init(true, new KeyParameter(cvkA));
        // A 16-byte DESede key is K1||K2 and BC runs E_K1(D_K2(E_K1(x))), i.e.
        // E_A(D_B(E_A(r))) here.
        byte[] ab = new byte[16];
        System.arraycopy(cvkA, 0, ab, 0, 8);
        System.arraycopy(cvkB, 0, ab, 8, 8);
        DESedeEngine tripleDes = new DESedeEngine();
        tripleDes.init(true, new KeyParameter(ab));
        Arrays.fill(ab, (byte) 0);
        return new KeyedEngines(des, tripleDes);
    }

    private static String compute(String pan, String expiryYymm, String serviceCode, DESEngine des,
            DESedeEngine tripleDes) {
        // Digits are read as hex nibbles, so 16 digits fill exactly one 8-byte DES block.
        StringBuilder data = new StringBuilder(32).append(pan).append(expiryYymm).append(serviceCode);
        while (data.length() < 32) {
            data.append('0');
        }
        byte[] block1 = nibbles(data, 0);
        byte[] block2 = nibbles(data, 16);

        byte[] r = new byte[8];
        des.processBlock(block1, 0, r, 0);
        for (int i = 0; i < 8; i++) {
            r[i] ^= block2[i];
        }
        tripleDes.processBlock(r, 0, r, 0);

        String result = decimalise(r);
        Arrays.fill(r, (byte) 0);
        return result;
    }

    /**
     * Decimal nibbles first, then the A-F nibbles mapped to 0-5, each group in order;
     * first three win.
     */
    private static String decimalise(byte[] block) {
        char[] out = new char[3];
        int n = 0;
        for (int pass = 0; pass < 2 && n < 3; pass++) {
            for (int i = 0; i < 16 && n < 3; i++) {
                int nibble = (block[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0x0F;
                if (pass == 0 && nibble <= 9) {
                    out[n++] = (char) ('0' + nibble);
                }
                else if (pass == 1 && nibble > 9) {
                    out[n++] = (char) ('0' + nibble - 10);
                }
            }
        }
        return new String(out);
    }

    private static byte[] nibbles(CharSequence digits, int from) {
        byte[] block = new byte[8];
        for (int i = 0; i < 8; i++) {
            int hi = digits.charAt(from + 2 * i) - '0';
            int lo = digits.charAt(from + 2 * i + 1) - '0';
            block[i] = (byte) ((hi << 4) | lo);
        }
        return block;
    }

    /** One thread's engines, keyed once; BC engines are not thread-safe. */
    private record KeyedEngines(DESEngine des, DESedeEngine tripleDes) {
    }

}
