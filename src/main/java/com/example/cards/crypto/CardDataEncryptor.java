package com.example.cards.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSAEncrypter;

/**
 * Encrypts one card-data record for the service provider as the online call does: a JWE
 * in compact serialisation, content encrypted with {@code A256GCM} under a fresh content
 * key, the content key wrapped with {@code RSA-OAEP-256} for the provider's key, and the
 * header's {@code kid} naming that key. The plaintext is the online call's response body,
 * given as JSON by the caller, which owns its fields.
 *
 * <p>
 * Every call draws a new content key and IV, so the same plaintext never gives the same
 * ciphertext. Instances are safe to share between threads: the header is immutable, and
 * Nimbus' {@link RSAEncrypter} takes a new JCA cipher for every call; the one
 * {@link SecureRandom} is thread-safe and saves seeding one per record.
 */
public final class CardDataEncryptor {

    private final CardDataKey key;

    private final JWEHeader header;

    private final RSAEncrypter encrypter;

    public CardDataEncryptor(CardDataKey key) {
        this.key = key;
        this.header = new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM).keyID(key.keyId())
            .build();
        this.encrypter = new RSAEncrypter(key.publicKey());
        this.encrypter.getJCAContext().setSecureRandom(new SecureRandom());
    }

    /**
     * Encrypts one record.
     * @param json the plaintext, the response body as JSON
     * @return the JWE in compact serialisation
     */
    public String encrypt(String json) {
        JWEObject jwe = new JWEObject(this.header, new Payload(json.getBytes(StandardCharsets.UTF_8)));
        try {
            jwe.encrypt(this.encrypter);
        }
        catch (JOSEException ex) {
            throw new IllegalStateException("JWE encryption failed for card-data key " + this.key.keyId(), ex);
        }
        return jwe.serialize();
    }

    /**
     * The id of the key every record is encrypted for, written beside each record.
     * @return the key id
     */
    public String keyId() {
        return this.key.keyId();
    }

}
