package com.example.cards.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyedHashTest {

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
    void nullStaysNullAndEmptyKeyIsRejected() {
        assertThat(new KeyedHash(new byte[32]).hash(null)).isNull();
        assertThatThrownBy(() -> new KeyedHash(new byte[0])).isInstanceOf(IllegalArgumentException.class);
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
        } finally {
            pool.shutdown();
        }
    }
}
