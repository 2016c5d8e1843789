package com.example.cards.crypto;

import java.nio.file.Path;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Opens the keystore once and exposes the services built on its keys. */
@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

    /**
     * Opens the keystore; in the production profiles refuses the development password and
     * never creates a keystore; refuses a keystore that does not match the database's key
     * check values ({@link KeyCheck}), or creating one where the database already holds
     * some.
     */
    @Bean
    KeyRing keyRing(CryptoProperties crypto, Environment environment, ObjectProvider<KeyCheckRegistry> registries) {
        // the development password is refused earlier, by DevelopmentPasswordGuard
        boolean production = environment.matchesProfiles(DevelopmentPasswordGuard.PRODUCTION_PROFILES);
        String active = crypto.activeDataKeyId() == null || crypto.activeDataKeyId().isBlank() ? null
                : crypto.activeDataKeyId();
        KeyCheckRegistry registry = registries.getIfAvailable();
        Path path = crypto.keystorePath();
        KeyRing keys = KeyRing.open(path, crypto.keystorePassword().toCharArray(),
                crypto.createKeystoreIfMissing() && !production, active, () -> {
                    if (registry != null) {
                        KeyCheck.refuseCreation(path, registry);
                    }
                });
        if (registry != null) {
            KeyCheck.verify(keys, path, registry);
        }
        return keys;
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
