package com.example.cards.crypto;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Opens the keystore once and exposes the services built on its keys. */
@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

    @Bean
    KeyRing keyRing(CryptoProperties crypto) {
        String active = crypto.activeDataKeyId() == null || crypto.activeDataKeyId().isBlank() ? null
                : crypto.activeDataKeyId();
        return KeyRing.open(crypto.keystorePath(), crypto.keystorePassword().toCharArray(),
                crypto.createKeystoreIfMissing(), active);
    }

    @Bean
    FieldCipher fieldCipher(KeyRing keyRing) {
        return new FieldCipher(keyRing);
    }

    @Bean
    KeyedHash keyedHash(KeyRing keyRing) {
        return new KeyedHash(keyRing.hashKey());
    }

}
