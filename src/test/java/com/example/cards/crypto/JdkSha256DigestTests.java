package com.example.cards.crypto;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JdkSha256DigestTests {

    /**
     * Fixed seed: a failure must be reproducible. These are test inputs, not keys of any
     * system.
     */
    private final Random random = new Random(20240612L);

    @Test
    void hashesTheFips180Abc() {
        assertThat(HexFormat.of().formatHex(digest(new JdkSha256Digest(), "abc".getBytes(StandardCharsets.US_ASCII))))
            .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void digestsLikeBouncyCastlesSha256AndResetsAfterEachDigest() {
        Digest ours = new JdkSha256Digest();
        for (int i = 0; i < 2_000; i++) {
            byte[] input = bytes(random.nextInt(300));
            assertThat(digest(ours, input)).isEqualTo(digest(new SHA256Digest(), input));
        }
    }

    @Test
    void bouncyCastleHmacOverItMatchesHmacOverBouncyCastlesSha256() {
        for (int key = 0; key < 50; key++) {
            // Keys longer than the 64-byte block are hashed first; cover both sides of
            // that.
            KeyParameter keyParameter = new KeyParameter(bytes(1 + random.nextInt(100)));
            HMac ours = new HMac(new JdkSha256Digest());
            HMac theirs = new HMac(new SHA256Digest());
            ours.init(keyParameter);
            theirs.init(keyParameter);
            // Many MACs on one instance: each doFinal must restore the keyed state
            // through Memoable.
            for (int i = 0; i < 100; i++) {
                byte[] input = bytes(random.nextInt(200));
                assertThat(mac(ours, input)).isEqualTo(mac(theirs, input));
            }
        }
    }

    @Test
    void copyIsIndependentAndResetRestoresIt() {
        JdkSha256Digest digest = new JdkSha256Digest();
        digest.update((byte) 'a');
        JdkSha256Digest saved = (JdkSha256Digest) digest.copy();
        digest.update((byte) 'b');
        digest.update((byte) 'c');
        byte[] abc = new byte[32];
        digest.doFinal(abc, 0);

        digest.reset(saved);
        digest.update("bc".getBytes(StandardCharsets.US_ASCII), 0, 2);
        byte[] again = new byte[32];
        digest.doFinal(again, 0);
        assertThat(again).isEqualTo(abc);

        // Restoring copied the state: the saved copy still holds just "a".
        saved.update("bc".getBytes(StandardCharsets.US_ASCII), 0, 2);
        byte[] fromSaved = new byte[32];
        saved.doFinal(fromSaved, 0);
        assertThat(fromSaved).isEqualTo(abc);
    }

    private static byte[] digest(Digest digest, byte[] input) {
        digest.update(input, 0, input.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    private static byte[] mac(HMac mac, byte[] input) {
        mac.update(input, 0, input.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return out;
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

}
