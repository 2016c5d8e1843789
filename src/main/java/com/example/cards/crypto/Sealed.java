package com.example.cards.crypto;

/**
 * A value encrypted by {@link FieldCipher}, as it is stored.
 *
 * @param keyId 32 lowercase hex characters: the id of the data key that encrypted the
 * value. It is also bound into the ciphertext as associated data, so relabelling a value
 * with another key id makes it fail to open instead of decrypting under the wrong key.
 * @param ciphertext standard Base64 (no line breaks) of IV (12 bytes) || AES-GCM
 * ciphertext || tag (16 bytes)
 */
public record Sealed(String keyId, String ciphertext) {
}
