package com.example.cards.crypto;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyedHashTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            # RFC 4231, test case 2
            Jefe | what do ya want for nothing? | 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843
            """)
    void matchesKnownHmacSha256Vectors(String key, String data, String expected) {
        KeyedHash hash = new KeyedHash(key.getBytes(StandardCharsets.US_ASCII));

        assertThat(hash.hash(data)).isEqualTo(expected);
    }

    @Test
    void isLowercaseHexOf64CharsAndKeyDependent() {
        KeyedHash a = new KeyedHash(new byte[32]);
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        KeyedHash b = new KeyedHash(otherKey);

        assertThat(a.hash("9123456789012345")).matches("[0-9a-f]{64}");
        assertThat(a.hash("9123456789012345")).isEqualTo(a.hash("9123456789012345"));
        assertThat(a.hash("9123456789012345")).isNotEqualTo(b.hash("9123456789012345"));
        assertThat(a.hash("홍길동")).isNotEqualTo(a.hash("홍길동 "));
    }

    @Test
    void keyIsCopiedOnConstruction() {
        byte[] key = "Jefe".getBytes(StandardCharsets.US_ASCII);
        KeyedHash hash = new KeyedHash(key);
        key[0] = 'X';

        assertThat(hash.hash("what do ya want for nothing?"))
            .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void theDigestIsTheHashAsItsThirtyTwoBytes() {
        KeyedHash hash = new KeyedHash(new byte[32]);
        assertThat(hash.digest("9123456789012345")).hasSize(32)
            .isEqualTo(java.util.HexFormat.of().parseHex(hash.hash("9123456789012345")));
    }

    @Test
    void nullStaysNullAndEmptyKeyIsRejected() {
        assertThat(new KeyedHash(new byte[32]).hash(null)).isNull();
        assertThat(new KeyedHash(new byte[32]).digest(null)).isNull();
        assertThatThrownBy(() -> new KeyedHash(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The per-thread HMac over the JDK's SHA-256 must give what a fresh BC HMac over
     * SHA256Digest gave per call.
     */
    @Test
    void matchesAFreshBouncyCastleHmacPerCallOverManyValues() {
        Random random = new Random(20240614L);
        for (int k = 0; k < 20; k++) {
            byte[] key = new byte[1 + random.nextInt(100)];
            random.nextBytes(key);
            KeyedHash hash = new KeyedHash(key);
            for (int i = 0; i < 200; i++) {
                String value = randomValue(random);
                assertThat(hash.hash(value)).isEqualTo(plainBouncyCastle(key, value));
            }
        }
    }

    @Test
    void givesTheSameDigestsOnFourThreadsAsOnOne() throws Exception {
        KeyedHash hash = new KeyedHash("test-only-hash-key".getBytes(StandardCharsets.US_ASCII));
        Random random = new Random(20240615L);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            values.add(randomValue(random));
        }
        List<String> expected = values.stream().map(hash::hash).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> values.stream().map(hash::hash).toList()));
            }
            for (Future<List<String>> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        }
        finally {
            pool.shutdown();
        }
    }

    private static String plainBouncyCastle(byte[] key, String value) {
        HMac mac = new HMac(new SHA256Digest());
        mac.init(new KeyParameter(key));
        byte[] input = value.getBytes(StandardCharsets.UTF_8);
        mac.update(input, 0, input.length);
        byte[] out = new byte[32];
        mac.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }

    private static String randomValue(Random random) {
        // Lengths either side of SHA-256's 64-byte block, in ASCII digits and Hangul (3
        // UTF-8 bytes each).
        StringBuilder value = new StringBuilder();
        int length = random.nextInt(90);
        for (int i = 0; i < length; i++) {
            boolean hangul = random.nextInt(4) == 0;
            value.append(hangul ? (char) (0xAC00 + random.nextInt(11172)) : (char) ('0' + random.nextInt(10)));
        }
        return value.toString();
    }

    @Test
    void isSafeToUseFromSeveralThreads() throws Exception {
        KeyedHash hash = new KeyedHash("Jefe".getBytes(StandardCharsets.US_ASCII));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                tasks.add(() -> {
                    for (int i = 0; i < 1000; i++) {
                        if (!hash.hash("what do ya want for nothing?")
                            .equals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")) {
                            return false;
                        }
                    }
                    return true;
                });
            }
            for (Future<Boolean> result : pool.invokeAll(tasks)) {
                assertThat(result.get()).isTrue();
            }
        }
        finally {
            pool.shutdown();
        }
    }

}
