package com.example.cards.crypto;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class FieldCipherTests {

    private static final char[] PASSWORD = "test-only-password".toCharArray();

    @TempDir
    static Path dir;

    static KeyRing keys;
    static FieldCipher cipher;
    static String oldKeyId;
    static String newKeyId;

    @BeforeAll
    static void keys() throws InterruptedException {
        Path file = dir.resolve("dev.p12");
        oldKeyId = KeyRing.open(file, PASSWORD, true, null).activeDataKeyId();
        // creation dates have millisecond resolution: the rotated key must be the newest
        long created = System.currentTimeMillis();
        await().pollInterval(Duration.ofMillis(1)).until(() -> System.currentTimeMillis() > created);
        newKeyId = KeyRing.addDataKey(file, PASSWORD);
        keys = KeyRing.open(file, PASSWORD, false, null);
        cipher = new FieldCipher(keys);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "a", "9123456789012345", "홍길동", "서울특별시 중구 세종대로 110 (가상 주소)", "emoji 🙂 mixed" })
    void roundTrips(String value) {
        Sealed sealed = cipher.seal(value);

        assertThat(sealed.keyId()).isEqualTo(keys.activeDataKeyId());
        assertThat(sealed.ciphertext()).doesNotContain("\n", "\r");
        byte[] raw = Base64.getDecoder().decode(sealed.ciphertext());
        assertThat(raw).hasSize(12 + value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 16);
        assertThat(cipher.open(sealed)).isEqualTo(value);
    }

    @Test
    void missingPartsFail() {
        assertThatThrownBy(() -> cipher.open(new Sealed(null, "AAAA"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.open(new Sealed(keys.activeDataKeyId(), null)))
            .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nullStaysNull() {
        assertThat(cipher.seal(null)).isNull();
        assertThat(cipher.open(null)).isNull();
    }

    @Test
    void sealingTheSameValueTwiceGivesDifferentCiphertexts() {
        Sealed first = cipher.seal("900101-1234567");
        Sealed second = cipher.seal("900101-1234567");

        assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
        byte[] ivA = java.util.Arrays.copyOf(Base64.getDecoder().decode(first.ciphertext()), 12);
        byte[] ivB = java.util.Arrays.copyOf(Base64.getDecoder().decode(second.ciphertext()), 12);
        assertThat(ivA).isNotEqualTo(ivB);
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 11, 12, 20, -1 }) // IV, last IV byte, first ciphertext byte,
                                               // middle, last tag byte
    void tamperedCiphertextFailsWithoutLeakingIt(int position) {
        String secret = "홍길동 secret value";
        Sealed sealed = cipher.seal(secret);
        byte[] raw = Base64.getDecoder().decode(sealed.ciphertext());
        int index = position >= 0 ? position : raw.length + position;
        raw[index] ^= 0x01;
        Sealed tampered = new Sealed(sealed.keyId(), Base64.getEncoder().encodeToString(raw));

        assertThatThrownBy(() -> cipher.open(tampered)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("failed authentication")
            .hasMessageNotContaining(secret)
            .hasMessageNotContaining(tampered.ciphertext());
    }

    @ParameterizedTest
    @ValueSource(strings = { "8501011234567", "850101-1234567" })
    void aKeyIdThatHoldsAnRrnIsNamedMaskedWhenItFails(String rrn) {
        String ciphertext = cipher.seal("value").ciphertext();

        for (Sealed sealed : List.of(new Sealed(rrn, ciphertext), new Sealed(rrn, "not base64!"),
                new Sealed(rrn, "AAAA"))) {
            assertThatThrownBy(() -> cipher.open(sealed)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("850101-1******")
                .hasMessageNotContaining(rrn.replace("-", ""))
                .hasMessageNotContaining("850101-1234567");
        }
    }

    @Test
    void relabelledKeyIdFails() {
        Sealed sealed = cipher.seal("value");
        assertThat(sealed.keyId()).isEqualTo(newKeyId);
        Sealed relabelled = new Sealed(oldKeyId, sealed.ciphertext());

        assertThatThrownBy(() -> cipher.open(relabelled)).isInstanceOf(IllegalStateException.class)
            .hasMessageNotContaining(sealed.ciphertext());
    }

    @Test
    void keyIdIsAuthenticatedEvenWhenTwoIdsHoldTheSameKeyBytes() throws Exception {
        // Only the associated data differs here, so this fails only because the key id is
        // authenticated.
        String idA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        String idB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
        byte[] shared = new byte[32];
        new SecureRandom().nextBytes(shared);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, PASSWORD);
        for (String alias : List.of("data." + idA, "data." + idB)) {
            store.setEntry(alias, new KeyStore.SecretKeyEntry(new SecretKeySpec(shared, "AES")),
                    new KeyStore.PasswordProtection(PASSWORD));
        }
        Path file = dir.resolve("same-bytes.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
        }
        FieldCipher underA = new FieldCipher(KeyRing.open(file, PASSWORD, false, idA));
        Sealed sealed = underA.seal("value");
        assertThat(underA.open(sealed)).isEqualTo("value");

        assertThatThrownBy(() -> underA.open(new Sealed(idB, sealed.ciphertext())))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("failed authentication");
    }

    @ParameterizedTest
    @ValueSource(strings = { "not base64 !!", "AAAA", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==" })
    void malformedCiphertextFails(String ciphertext) {
        assertThatThrownBy(() -> cipher.open(new Sealed(keys.activeDataKeyId(), ciphertext)))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining(keys.activeDataKeyId())
            .hasMessageNotContaining(ciphertext);
    }

    /**
     * Pins the format without a fixed IV: every value sealed here must be exactly what
     * the JDK's own AES-GCM gives for the same key, IV and associated data (the key id),
     * and values the JDK seals must open here. Sealing and opening alternate under both
     * key ids, so the cached per-thread ciphers are re-initialised in every order.
     */
    @Test
    void isStandardAesGcmInteroperableWithTheJdksImplementation() throws Exception {
        Random random = new Random(20240613L);
        FieldCipher underOldKey = new FieldCipher(KeyRing.open(dir.resolve("dev.p12"), PASSWORD, false, oldKeyId));
        for (int i = 0; i < 2_000; i++) {
            FieldCipher fieldCipher = i % 3 == 0 ? underOldKey : cipher;
            String keyId = i % 3 == 0 ? oldKeyId : newKeyId;
            String value = randomText(random);
            byte[] plain = value.getBytes(StandardCharsets.UTF_8);

            Sealed sealed = fieldCipher.seal(value);
            assertThat(sealed.keyId()).isEqualTo(keyId);
            byte[] raw = Base64.getDecoder().decode(sealed.ciphertext());
            byte[] iv = Arrays.copyOf(raw, 12);
            byte[] expected = jdkGcm(Cipher.ENCRYPT_MODE, keyId, iv, plain);
            assertThat(Arrays.copyOfRange(raw, 12, raw.length)).isEqualTo(expected);

            byte[] otherIv = new byte[12];
            random.nextBytes(otherIv);
            byte[] byJdk = jdkGcm(Cipher.ENCRYPT_MODE, keyId, otherIv, plain);
            byte[] stored = new byte[12 + byJdk.length];
            System.arraycopy(otherIv, 0, stored, 0, 12);
            System.arraycopy(byJdk, 0, stored, 12, byJdk.length);
            assertThat(cipher.open(new Sealed(keyId, Base64.getEncoder().encodeToString(stored)))).isEqualTo(value);
        }
    }

    @Test
    void aFailedOpenDoesNotDisturbTheNextOnTheSameThread() {
        Sealed good = cipher.seal("value");
        byte[] raw = Base64.getDecoder().decode(good.ciphertext());
        raw[raw.length - 1] ^= 0x01;
        Sealed bad = new Sealed(good.keyId(), Base64.getEncoder().encodeToString(raw));

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> cipher.open(bad)).isInstanceOf(IllegalStateException.class);
            assertThat(cipher.open(good)).isEqualTo("value");
            assertThat(cipher.open(cipher.seal("next " + i))).isEqualTo("next " + i);
        }
    }

    @Test
    void everySealOnOneThreadGetsItsOwnIv() {
        Set<String> ivs = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            byte[] raw = Base64.getDecoder().decode(cipher.seal("9123456789012345").ciphertext());
            assertThat(ivs.add(Base64.getEncoder().encodeToString(Arrays.copyOf(raw, 12)))).isTrue();
        }
    }

    @Test
    void valuesSealedOnOneThreadOpenOnAnother() throws Exception {
        List<Sealed> sealed = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sealed.add(cipher.seal("값 " + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                results.add(pool.submit(() -> sealed.stream().map(cipher::open).toList()));
            }
            List<String> expected = sealed.stream().map(cipher::open).toList();
            for (Future<List<String>> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        }
        finally {
            pool.shutdown();
        }
    }

    private static byte[] jdkGcm(int mode, String keyId, byte[] iv, byte[] input) throws Exception {
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(mode, keys.dataKey(keyId), new GCMParameterSpec(128, iv));
        gcm.updateAAD(keyId.getBytes(StandardCharsets.US_ASCII));
        return gcm.doFinal(input);
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(60);
        for (int i = 0; i < length; i++) {
            // ASCII digits and letters, Hangul syllables, and now and then a character
            // outside the BMP.
            int kind = random.nextInt(10);
            if (kind < 6) {
                text.append((char) ('0' + random.nextInt(75)));
            }
            else if (kind < 9) {
                text.append((char) (0xAC00 + random.nextInt(11172)));
            }
            else {
                text.appendCodePoint(0x1F600 + random.nextInt(64));
            }
        }
        return text.toString();
    }

    @Test
    void isSafeToUseFromSeveralThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                tasks.add(() -> {
                    for (int i = 0; i < 500; i++) {
                        String value = "주민 " + thread + "-" + i;
                        Sealed sealed = cipher.seal(value);
                        assertThat(cipher.open(sealed)).isEqualTo(value);
                    }
                    return 500;
                });
            }
            int done = 0;
            for (Future<Integer> result : pool.invokeAll(tasks)) {
                done += result.get();
            }
            assertThat(done).isEqualTo(4000);
        }
        finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

}
