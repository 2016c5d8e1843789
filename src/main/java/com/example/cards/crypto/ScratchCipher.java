package com.example.cards.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.CipherInputStream;
import javax.crypto.CipherOutputStream;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;

/**
 * Encrypts scratch files that only this process writes and reads back (the runs of a sort
 * too large for memory): AES-256 in counter mode under a key made for the purpose, which
 * lives only in this object and is never stored, logged or shown. Each stream starts with
 * its own random counter block. What the process leaves behind when it is killed is
 * therefore unreadable by anyone, itself included.
 *
 * <p>
 * Counter mode, not GCM: a scratch file is read back as a stream, in pieces, while others
 * are read beside it, and the JDK's GCM gives out no plaintext until it has read a whole
 * message. The files are owner-only like the embedded database they sit beside in trust;
 * what this adds is that no personal data is ever on disk in the clear.
 */
public final class ScratchCipher {

    private static final String TRANSFORMATION = "AES/CTR/NoPadding";

    private static final int COUNTER_BYTES = 16;

    private final SecureRandom random = new SecureRandom();

    private final SecretKey key;

    public ScratchCipher() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, this.random);
            this.key = generator.generateKey();
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES-256 is not available in this JVM", ex);
        }
    }

    /** Wraps {@code out} so that what is written reaches it encrypted. */
    public OutputStream encrypting(OutputStream out) throws IOException {
        byte[] counter = new byte[COUNTER_BYTES];
        this.random.nextBytes(counter);
        out.write(counter);
        return new CipherOutputStream(out, cipher(Cipher.ENCRYPT_MODE, counter));
    }

    /**
     * Wraps {@code in}, a stream written through {@link #encrypting}, to read it back.
     */
    public InputStream decrypting(InputStream in) throws IOException {
        byte[] counter = in.readNBytes(COUNTER_BYTES);
        if (counter.length != COUNTER_BYTES) {
            throw new IOException("A scratch file ended before its first block");
        }
        return new CipherInputStream(in, cipher(Cipher.DECRYPT_MODE, counter));
    }

    private Cipher cipher(int mode, byte[] counter) {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(mode, this.key, new IvParameterSpec(counter));
            return cipher;
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("AES-CTR is not available in this JVM", ex);
        }
    }

}
