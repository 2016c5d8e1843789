package com.example.cards.issue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bouncycastle.crypto.fpe.FPEFF1Engine;
import org.bouncycastle.crypto.params.FPEParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CardNumberPermutationTests {

    /** Test-only key 00 01 .. 0f; never a production key. */
    private static final byte[] TEST_KEY = new byte[16];

    static {
        for (int i = 0; i < TEST_KEY.length; i++) {
            TEST_KEY[i] = (byte) i;
        }
    }

    private final CardNumberPermutation permutation = new CardNumberPermutation(TEST_KEY);

    @ParameterizedTest
    @CsvSource({ "912345,   16, 1000000000", "91234567, 16, 10000000", "912345,   13, 1000000", "91234567, 15, 1000000",
            "912345,   19, 1000000000000", "91234567, 19, 10000000000", })
    void capacity(String bin, int cardLength, long expected) {
        assertThat(CardNumberPermutation.capacity(bin, cardLength)).isEqualTo(expected);
    }

    /**
     * Pins the mapping. Issued numbers depend on it, so any change (library upgrade,
     * tweak encoding, digit order) would let new counters collide with numbers already
     * issued; this test must fail before that happens.
     */
    @ParameterizedTest
    @CsvSource({ "912345,   16, 0,         9123457762573918", "912345,   16, 1,         9123458595477699",
            "912345,   16, 2,         9123452422118816", "912345,   16, 999999999, 9123456711535853",
            "91234567, 16, 0,         9123456764462567", "91234567, 16, 1,         9123456702056059",
            "91234567, 16, 9999999,   9123456723875180", "91234567, 19, 5,         9123456708746476926",
            "912345,   13, 5,         9123458558278", })
    void regressionPins(String bin, int cardLength, long counter, String expected) {
        assertThat(permutation.cardNumber(bin, cardLength, counter)).isEqualTo(expected);
    }

    @Test
    void bouncyCastleFf1MatchesNistSample2() {
        // SP 800-38G FF1-AES128 sample 2: the engine configuration used by the class is
        // standard FF1.
        byte[] key = HexFormat.of().parseHex("2B7E151628AED2A6ABF7158809CF4F3C");
        byte[] tweak = HexFormat.of().parseHex("39383736353433323130");
        byte[] digits = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
        FPEFF1Engine engine = new FPEFF1Engine();
        engine.init(true, new FPEParameters(new KeyParameter(key), 10, tweak));
        engine.processBlock(digits, 0, digits.length, digits, 0);
        assertThat(digits).containsExactly(6, 1, 2, 4, 2, 0, 0, 7, 7, 3);
    }

    /**
     * The class runs BC's FF1 over the JDK's AES; this checks it against BC's FF1 over
     * BC's own AESEngine (the engine's default) for many counters, every free-digit count
     * and every AES key size.
     */
    @ParameterizedTest
    @ValueSource(ints = { 16, 24, 32 })
    void givesTheSameNumbersAsBouncyCastlesFf1OverItsOwnAes(int keyLength) {
        Random random = new Random(20240616L + keyLength);
        byte[] key = new byte[keyLength];
        random.nextBytes(key);
        CardNumberPermutation subject = new CardNumberPermutation(key);
        String[][] cases = { { "912345", "13" }, { "912345", "16" }, { "912345", "19" }, { "91234567", "15" },
                { "91234567", "16" }, { "91234567", "19" }, { "987654", "16" } };
        for (String[] c : cases) {
            String bin = c[0];
            int cardLength = Integer.parseInt(c[1]);
            long capacity = CardNumberPermutation.capacity(bin, cardLength);
            FPEFF1Engine reference = new FPEFF1Engine();
            reference.init(true, new FPEParameters(new KeyParameter(key), 10, bin.getBytes(StandardCharsets.US_ASCII)));
            for (int i = 0; i < 3_000; i++) {
                long counter = i < 1_000 ? i : Math.floorMod(random.nextLong(), capacity);
                assertThat(subject.cardNumber(bin, cardLength, counter))
                    .as("BIN %s length %d counter %d", bin, cardLength, counter)
                    .isEqualTo(referenceNumber(reference, bin, cardLength, counter));
            }
        }
    }

    @Test
    void firstMillionCountersGiveDistinctValidNumbers() {
        String bin = "912345";
        int count = 1_000_000;
        // Nine free digits fit in an int; a sorted int[] (4 MB) checks distinctness
        // without a 10^9-bit BitSet.
        int[] free = new int[count];
        for (int counter = 0; counter < count; counter++) {
            String number = permutation.cardNumber(bin, 16, counter);
            if (number.length() != 16 || !number.startsWith(bin) || !Luhn.isValid(number)) {
                throw new AssertionError("bad number for counter " + counter + ": " + number);
            }
            free[counter] = Integer.parseInt(number, 6, 15, 10);
        }
        Arrays.sort(free);
        for (int i = 1; i < count; i++) {
            if (free[i] == free[i - 1]) {
                throw new AssertionError("duplicate account digits " + free[i]);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({ "912345, 13", "91234567, 15" })
    void isABijectionOnAMillionElementDomain(String bin, int cardLength) {
        int capacity = (int) CardNumberPermutation.capacity(bin, cardLength);
        assertThat(capacity).isEqualTo(1_000_000);
        int freeEnd = cardLength - 1;
        BitSet hit = new BitSet(capacity);
        for (int counter = 0; counter < capacity; counter++) {
            String number = permutation.cardNumber(bin, cardLength, counter);
            int value = Integer.parseInt(number, bin.length(), freeEnd, 10);
            if (hit.get(value)) {
                throw new AssertionError("account digits " + value + " produced twice");
            }
            hit.set(value);
        }
        assertThat(hit.cardinality()).isEqualTo(capacity);
    }

    @Test
    void consecutiveCountersAreFarApart() {
        // An identity or counter-plus-offset mapping would give gaps of exactly 1.
        long previous = freeDigits(permutation.cardNumber("912345", 16, 0), 6);
        for (int counter = 1; counter < 1000; counter++) {
            long current = freeDigits(permutation.cardNumber("912345", 16, counter), 6);
            assertThat(Math.abs(current - previous)).as("gap after counter %d", counter).isGreaterThanOrEqualTo(100);
            previous = current;
        }
    }

    @Test
    void outputOrderIsUncorrelatedWithCounterOrder() {
        // Spearman rank correlation; for a random permutation of n items its standard
        // deviation is 1/sqrt(n-1).
        int n = 10_000;
        long[] values = new long[n];
        for (int counter = 0; counter < n; counter++) {
            values[counter] = freeDigits(permutation.cardNumber("91234567", 16, counter), 8);
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        double sumSquaredRankDiff = 0;
        for (int counter = 0; counter < n; counter++) {
            int rank = Arrays.binarySearch(sorted, values[counter]);
            double d = rank - counter;
            sumSquaredRankDiff += d * d;
        }
        double rho = 1 - 6 * sumSquaredRankDiff / ((double) n * ((double) n * n - 1));
        assertThat(Math.abs(rho)).as("rho").isLessThan(5 / Math.sqrt(n - 1));
    }

    @Test
    void eachBinHasItsOwnPermutation() {
        // Same counter, BINs differing in one digit: the account digits should not be
        // shared.
        int same = 0;
        for (int counter = 0; counter < 1000; counter++) {
            String a = permutation.cardNumber("912345", 16, counter).substring(6, 15);
            String b = permutation.cardNumber("912346", 16, counter).substring(6, 15);
            if (a.equals(b)) {
                same++;
            }
        }
        assertThat(same).isZero();
    }

    @Test
    void differentKeysGiveDifferentNumbers() {
        SecureRandom random = new SecureRandom();
        byte[] keyA = new byte[32];
        byte[] keyB = new byte[32];
        random.nextBytes(keyA);
        random.nextBytes(keyB);
        CardNumberPermutation a = new CardNumberPermutation(keyA);
        CardNumberPermutation b = new CardNumberPermutation(keyB);
        int same = 0;
        for (int counter = 0; counter < 1000; counter++) {
            if (a.cardNumber("912345", 16, counter).equals(b.cardNumber("912345", 16, counter))) {
                same++;
            }
        }
        // Probability of any collision in 1000 draws from 10^9 is about 10^-6.
        assertThat(same).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = { 16, 24, 32 })
    void sameKeyIsDeterministic(int keyLength) {
        byte[] key = new byte[keyLength];
        new SecureRandom().nextBytes(key);
        CardNumberPermutation first = new CardNumberPermutation(key);
        CardNumberPermutation second = new CardNumberPermutation(key.clone());
        for (long counter : new long[] { 0, 1, 42, 123_456_789, 999_999_999 }) {
            assertThat(second.cardNumber("912345", 16, counter)).isEqualTo(first.cardNumber("912345", 16, counter));
            assertThat(first.cardNumber("912345", 16, counter)).isEqualTo(first.cardNumber("912345", 16, counter));
        }
    }

    @Test
    void keyIsCopiedSoCallerMayWipeIt() {
        byte[] key = TEST_KEY.clone();
        CardNumberPermutation copy = new CardNumberPermutation(key);
        Arrays.fill(key, (byte) 0);
        assertThat(copy.cardNumber("912345", 16, 0)).isEqualTo("9123457762573918");
    }

    @Test
    void isSafeToShareAcrossThreads() throws Exception {
        int perThread = 20_000;
        String[] bins = { "912345", "91234567", "987654" };
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < perThread; i++) {
            expected.add(permutation.cardNumber(bins[i % bins.length], 16, i));
        }
        CardNumberPermutation shared = new CardNumberPermutation(TEST_KEY);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    List<String> out = new ArrayList<>(perThread);
                    for (int i = 0; i < perThread; i++) {
                        out.add(shared.cardNumber(bins[i % bins.length], 16, i));
                    }
                    return out;
                }));
            }
            for (Future<List<String>> future : futures) {
                assertThat(future.get()).isEqualTo(expected);
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void exhaustedBinIsReported() {
        long capacity = CardNumberPermutation.capacity("91234567", 16);
        assertThat(permutation.cardNumber("91234567", 16, capacity - 1)).startsWith("91234567");
        assertThatIllegalArgumentException().isThrownBy(() -> permutation.cardNumber("91234567", 16, capacity))
            .withMessageContaining("91234567")
            .withMessageContaining("exhausted");
        assertThatIllegalArgumentException().isThrownBy(() -> permutation.cardNumber("91234567", 16, Long.MAX_VALUE))
            .withMessageContaining("exhausted");
    }

    @Test
    void negativeCounterIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> permutation.cardNumber("912345", 16, -1))
            .withMessageContaining("912345")
            .withMessageContaining("negative");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = { "NULL,      16", "'',        16", "91234,     16", "9123456,   16",
            "912345678, 16", "91234A,    16", "912345,    12", "912345,    20", "91234567,  13", "91234567,  14", })
    void rejectsUnusableBinOrLength(String bin, int cardLength) {
        assertThatIllegalArgumentException().isThrownBy(() -> permutation.cardNumber(bin, cardLength, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> CardNumberPermutation.capacity(bin, cardLength));
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 8, 15, 17, 31, 33, 64 })
    void rejectsKeysThatAreNotAes(int length) {
        assertThatIllegalArgumentException().isThrownBy(() -> new CardNumberPermutation(new byte[length]));
    }

    @Test
    void rejectsNullKey() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CardNumberPermutation(null));
    }

    @Test
    void tweakIsTheBinsAsciiDigits() {
        // Reproduces one number by hand with FF1 so the documented construction stays
        // true.
        byte[] digits = { 0, 0, 0, 0, 0, 0, 0, 0, 7 };
        FPEFF1Engine engine = new FPEFF1Engine();
        engine.init(true,
                new FPEParameters(new KeyParameter(TEST_KEY), 10, "912345".getBytes(StandardCharsets.US_ASCII)));
        engine.processBlock(digits, 0, digits.length, digits, 0);
        StringBuilder payload = new StringBuilder("912345");
        for (byte d : digits) {
            payload.append(d);
        }
        String expected = payload.toString() + Luhn.checkDigit(payload);
        assertThat(permutation.cardNumber("912345", 16, 7)).isEqualTo(expected);
    }

    private static String referenceNumber(FPEFF1Engine engine, String bin, int cardLength, long counter) {
        int free = cardLength - bin.length() - 1;
        byte[] digits = new byte[free];
        long rest = counter;
        for (int i = free - 1; i >= 0; i--) {
            digits[i] = (byte) (rest % 10);
            rest /= 10;
        }
        engine.processBlock(digits, 0, free, digits, 0);
        StringBuilder payload = new StringBuilder(bin);
        for (byte d : digits) {
            payload.append(d);
        }
        return payload.toString() + Luhn.checkDigit(payload);
    }

    private static long freeDigits(String number, int binLength) {
        return Long.parseLong(number, binLength, number.length() - 1, 10);
    }

}
