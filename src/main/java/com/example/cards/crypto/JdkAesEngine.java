package com.example.cards.crypto;

import java.security.GeneralSecurityException;

import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.DataLengthException;
import org.bouncycastle.crypto.OutputLengthException;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * A Bouncy Castle {@link BlockCipher} whose AES block function is the JDK's own
 * ({@code AES/ECB/NoPadding} from SunJCE), so that Bouncy Castle's modes (GCM in
 * {@link FieldCipher}, FF1 in the card-number permutation) run on hardware AES: HotSpot
 * compiles SunJCE's AES to AES-NI instructions, while BC's {@code AESEngine} is
 * table-driven Java. Bouncy Castle keeps the mode; this class only encrypts or decrypts
 * single 16-byte blocks, so outputs are bit-for-bit those of {@code AESEngine}.
 *
 * <p>
 * Not thread-safe, like every BC engine: each mode instance needs its own.
 */
public final class JdkAesEngine implements BlockCipher {

    private static final int BLOCK_SIZE = 16;

    private Cipher cipher;

    @Override
    public void init(boolean forEncryption, CipherParameters params) {
        if (!(params instanceof KeyParameter keyParameter)) {
            throw new IllegalArgumentException("AES needs a KeyParameter");
        }
        byte[] key = keyParameter.getKey();
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("AES key must be 16, 24 or 32 bytes");
        }
        try {
            if (cipher == null) {
                // Named provider: the point is SunJCE's intrinsified AES, even if another
                // provider is registered first.
                cipher = Cipher.getInstance("AES/ECB/NoPadding", "SunJCE");
            }
            cipher.init(forEncryption ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"));
        }
        catch (GeneralSecurityException e) {
            cipher = null;
            throw new IllegalStateException("The JDK's AES/ECB/NoPadding is not available", e);
        }
    }

    @Override
    public String getAlgorithmName() {
        return "AES";
    }

    @Override
    public int getBlockSize() {
        return BLOCK_SIZE;
    }

    @Override
    public int processBlock(byte[] in, int inOff, byte[] out, int outOff) {
        if (cipher == null) {
            throw new IllegalStateException("AES engine not initialised");
        }
        if (inOff < 0 || inOff > in.length - BLOCK_SIZE) {
            throw new DataLengthException("input buffer too short");
        }
        if (outOff < 0 || outOff > out.length - BLOCK_SIZE) {
            throw new OutputLengthException("output buffer too short");
        }
        try {
            // ECB without padding on exactly one block: never buffers, so each call is
            // independent.
            int written = cipher.update(in, inOff, BLOCK_SIZE, out, outOff);
            if (written != BLOCK_SIZE) {
                throw new IllegalStateException("AES/ECB returned " + written + " bytes for one block");
            }
            return BLOCK_SIZE;
        }
        catch (ShortBufferException e) {
            throw new OutputLengthException("output buffer too short");
        }
    }

    @Override
    public void reset() {
        // Nothing to reset: processBlock leaves no state behind.
    }

}
