package com.example.cards.crypto;

import java.nio.file.Path;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the keys come from (prefix {@code issuance.crypto}).
 *
 * @param keystorePath PKCS12 keystore holding the data, hash, permutation and CVC keys
 * @param keystorePassword its password (give it through the environment in production)
 * @param createKeystoreIfMissing generate a development keystore on first run (embedded
 * default only; the postgres and oracle profiles never create one)
 * @param activeDataKeyId the data key new values are encrypted under; empty means the
 * newest one
 */
@Validated
@ConfigurationProperties("issuance.crypto")
public record CryptoProperties(@NotNull Path keystorePath, @NotBlank String keystorePassword,
        @DefaultValue("false") boolean createKeystoreIfMissing, String activeDataKeyId) {

    /**
     * The password of the development keystore, committed in application.yml; the
     * production profiles refuse it.
     */
    public static final String DEVELOPMENT_PASSWORD = "dev-only-not-a-secret";

}
