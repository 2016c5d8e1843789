package com.example.cards.crypto;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * HMAC-SHA-256 of a value, as 64 lowercase hex characters or as its 32 bytes, for
 * equality lookups on secrets (resident registration numbers, card numbers) without
 * storing them in the clear. A plain hash would not do: the input space is small enough
 * to enumerate, so the key is what keeps the digests from being reversed.
 *
 * <p>
 * Thread-safe: {@link HMac} is stateful, so each thread keeps its own, keyed once.
 * {@code HMac.doFinal} puts it back in the keyed state, so a call hashes only the value's
 * blocks and the outer block, not the padded key again. SHA-256 itself is the JDK's
 * ({@link JdkSha256Digest}), which uses the CPU's SHA instructions; one core went from
 * about 0.5M to 3.9M hashes/s.
 */
public final class KeyedHash {

    private static final HexFormat HEX = HexFormat.of();

    private static final int MAC_SIZE = 32;

    private final KeyParameter key;

    private final ThreadLocal<HMac> macs = ThreadLocal.withInitial(this::newMac);

    public KeyedHash(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length == 0) {
            throw new IllegalArgumentException("HMAC key must not be empty");
        }
        this.key = new KeyParameter(key); // copies the array
    }

    /**
     * Lowercase hex HMAC-SHA-256 of the UTF-8 bytes of {@code value}; {@code null} gives
     * {@code null}.
     */
    public String hash(String value) {
        return value == null ? null : HEX.formatHex(digest(value));
    }

    /**
     * The 32 bytes of the HMAC-SHA-256 of the UTF-8 bytes of {@code value} (what a binary
     * key column stores: half the width of the hex text); {@code null} gives
     * {@code null}.
     */
    public byte[] digest(String value) {
        if (value == null) {
            return null;
        }
        byte[] input = value.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[MAC_SIZE];
        // Nothing between update and doFinal can throw, so the per-thread HMac is never
        // left half-used.
        HMac mac = macs.get();
        mac.update(input, 0, input.length);
        mac.doFinal(out, 0);
        return out;
    }

    private HMac newMac() {
        HMac mac = new HMac(new JdkSha256Digest());
        mac.init(key);
        return mac;
    }

}
