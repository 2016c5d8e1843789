package com.example.cards.crypto;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * HMAC-SHA-256 of a value, as 64 lowercase hex characters, for equality lookups on secrets (resident
 * registration numbers, card numbers) without storing them in the clear. A plain hash would not do: the
 * input space is small enough to enumerate, so the key is what keeps the digests from being reversed.
 *
 * <p>Thread-safe: {@link HMac} is stateful, so one is made per call. That costs two extra SHA-256 blocks,
 * which is negligible next to a database round trip and avoids thread-local state in pooled threads.
 */
public final class KeyedHash {

    private static final HexFormat HEX = HexFormat.of();

    private final KeyParameter key;

    public KeyedHash(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length == 0) {
            throw new IllegalArgumentException("HMAC key must not be empty");
        }
        this.key = new KeyParameter(key); // copies the array
    }

    /** Lowercase hex HMAC-SHA-256 of the UTF-8 bytes of {@code value}; {@code null} gives {@code null}. */
    public String hash(String value) {
        if (value == null) {
            return null;
        }
        HMac mac = new HMac(SHA256Digest.newInstance());
        mac.init(key);
        byte[] input = value.getBytes(StandardCharsets.UTF_8);
        mac.update(input, 0, input.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return HEX.formatHex(out);
    }
}
