package com.example.cards.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Encrypts single field values (names, resident numbers, card numbers) with AES-256-GCM under the
 * {@link KeyRing}'s data keys, producing {@link Sealed} values.
 *
 * <p>Each value gets a fresh random 12-byte IV: GCM with a repeated IV under the same key leaks the XOR of
 * the plaintexts and the authentication key. The key id is authenticated as associated data, so a stored
 * value relabelled with a different key id fails to open. Ciphertext is written as
 * IV || ciphertext || 16-byte tag, Base64-encoded.
 *
 * <p>Thread-safe: Bouncy Castle cipher objects are stateful, so one is created per call; the shared pieces
 * (key parameters, {@link SecureRandom}) are safe for concurrent use.
 */
public final class FieldCipher {

    private static final int IV_LENGTH = 12;
    private static final int TAG_BITS = 128;
    private static final int TAG_LENGTH = TAG_BITS / 8;

    private final KeyRing keys;
    private final SecureRandom random = new SecureRandom();
    // KeyRing never changes after open, so caching the derived parameters per id is safe.
    private final Map<String, KeyParameter> keyParameters = new ConcurrentHashMap<>();

    public FieldCipher(KeyRing keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** Encrypts the UTF-8 bytes of {@code plaintext} under the active data key; {@code null} gives {@code null}. */
    public Sealed seal(String plaintext) {
        if (plaintext == null) {
            return null;
        }
        String keyId = keys.activeDataKeyId();
        byte[] iv = new byte[IV_LENGTH];
        random.nextBytes(iv);
        byte[] input = plaintext.getBytes(StandardCharsets.UTF_8);
        GCMModeCipher gcm = cipher(true, keyId, iv);
        byte[] out = new byte[IV_LENGTH + gcm.getOutputSize(input.length)];
        System.arraycopy(iv, 0, out, 0, IV_LENGTH);
        try {
            int written = gcm.processBytes(input, 0, input.length, out, IV_LENGTH);
            gcm.doFinal(out, IV_LENGTH + written);
        } catch (InvalidCipherTextException e) {
            // Cannot happen when encrypting; GCM only reports this for a failed tag check.
            throw new IllegalStateException("AES-GCM encryption failed under data key " + keyId, e);
        } finally {
            Arrays.fill(input, (byte) 0);
        }
        return new Sealed(keyId, Base64.getEncoder().encodeToString(out));
    }

    /**
     * Decrypts a value sealed by {@link #seal}; {@code null} gives {@code null}.
     *
     * @throws IllegalStateException if the key id is unknown, or the value is malformed or has been altered.
     *                               The message never contains the plaintext or the ciphertext.
     */
    public String open(Sealed sealed) {
        if (sealed == null) {
            return null;
        }
        String keyId = sealed.keyId();
        if (keyId == null || sealed.ciphertext() == null) {
            throw new IllegalStateException("Sealed value has no key id or no ciphertext");
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(sealed.ciphertext());
        } catch (IllegalArgumentException e) {
            // Not chained: the decoder's message can quote characters of the input.
            throw new IllegalStateException("Sealed value under data key " + keyId + " is not valid Base64");
        }
        if (data.length < IV_LENGTH + TAG_LENGTH) {
            throw new IllegalStateException("Sealed value under data key " + keyId + " is too short ("
                    + data.length + " bytes) to be IV || ciphertext || tag");
        }
        byte[] iv = Arrays.copyOf(data, IV_LENGTH);
        GCMModeCipher gcm = cipher(false, keyId, iv);
        int bodyLength = data.length - IV_LENGTH;
        byte[] plain = new byte[gcm.getOutputSize(bodyLength)];
        try {
            int written = gcm.processBytes(data, IV_LENGTH, bodyLength, plain, 0);
            written += gcm.doFinal(plain, written);
            return new String(plain, 0, written, StandardCharsets.UTF_8);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("Sealed value under data key " + keyId
                    + " failed authentication: it was altered, or labelled with the wrong key id");
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private GCMModeCipher cipher(boolean encrypt, String keyId, byte[] iv) {
        KeyParameter key = keyParameters.computeIfAbsent(keyId, id -> {
            byte[] bytes = keys.dataKey(id).getEncoded();
            try {
                return new KeyParameter(bytes);
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        });
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(encrypt, new AEADParameters(key, TAG_BITS, iv, keyId.getBytes(StandardCharsets.US_ASCII)));
        return gcm;
    }
}
