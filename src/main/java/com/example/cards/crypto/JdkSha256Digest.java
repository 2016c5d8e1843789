package com.example.cards.crypto;

import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import org.bouncycastle.crypto.ExtendedDigest;
import org.bouncycastle.util.Memoable;

/**
 * A Bouncy Castle digest whose SHA-256 compression is the JDK's own ({@code SHA-256} from
 * the SUN provider), so that Bouncy Castle's {@code HMac} in {@link KeyedHash} runs on
 * the SHA extensions of the CPU: HotSpot compiles the JDK's SHA-256 to SHA-NI (or AVX2)
 * instructions, while BC's {@code SHA256Digest} is plain Java. BC keeps the HMAC
 * construction, and the output is that of {@code SHA256Digest}.
 *
 * <p>
 * {@link Memoable} lets {@code HMac} save the keyed inner and outer states once and
 * restore them after each MAC, instead of hashing the padded key again. Not thread-safe,
 * like every BC digest.
 */
public final class JdkSha256Digest implements ExtendedDigest, Memoable {

    private static final int DIGEST_SIZE = 32;

    private static final int BLOCK_SIZE = 64;

    private MessageDigest digest;

    public JdkSha256Digest() {
        try {
            // Named provider: the point is SUN's intrinsified SHA-256, even if another
            // provider is registered first.
            this.digest = MessageDigest.getInstance("SHA-256", "SUN");
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK's SHA-256 is not available", e);
        }
    }

    private JdkSha256Digest(MessageDigest digest) {
        this.digest = digest;
    }

    @Override
    public String getAlgorithmName() {
        return "SHA-256";
    }

    @Override
    public int getDigestSize() {
        return DIGEST_SIZE;
    }

    @Override
    public int getByteLength() {
        return BLOCK_SIZE;
    }

    @Override
    public void update(byte in) {
        digest.update(in);
    }

    @Override
    public void update(byte[] in, int inOff, int len) {
        digest.update(in, inOff, len);
    }

    /** Writes the digest and resets, as BC's {@code Digest.doFinal} does. */
    @Override
    public int doFinal(byte[] out, int outOff) {
        try {
            return digest.digest(out, outOff, DIGEST_SIZE);
        }
        catch (DigestException e) {
            throw new IllegalArgumentException("output buffer too short", e);
        }
    }

    @Override
    public void reset() {
        digest.reset();
    }

    @Override
    public Memoable copy() {
        return new JdkSha256Digest(cloneOf(digest));
    }

    @Override
    public void reset(Memoable other) {
        if (!(other instanceof JdkSha256Digest that)) {
            throw new IllegalArgumentException("cannot restore state from " + other.getClass().getName());
        }
        digest = cloneOf(that.digest);
    }

    private static MessageDigest cloneOf(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        }
        catch (CloneNotSupportedException e) {
            throw new IllegalStateException("The JDK's SHA-256 cannot be cloned", e);
        }
    }

}
