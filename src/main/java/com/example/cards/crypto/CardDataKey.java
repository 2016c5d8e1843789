package com.example.cards.crypto;

import java.security.interfaces.RSAPublicKey;

/**
 * The service provider's public key chosen for one run's card data, with the key id that
 * names it in each JWE header and in each card-data record ({@code X-KM-Crypto-Key-Id} in
 * the online call). Obtained from {@link CardDataKeySet#select}, which has checked it.
 *
 * @param keyId the key's {@code kid}, 32 characters
 * @param publicKey the RSA public key, 2048 bits or more
 */
public record CardDataKey(String keyId, RSAPublicKey publicKey) {

    @Override
    public String toString() {
        return "CardDataKey[keyId=" + this.keyId + ", bits=" + this.publicKey.getModulus().bitLength() + "]";
    }

}
