package com.example.cards.crypto;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses the development keystore password committed in application.yml in the
 * production profiles ({@code postgres}, {@code oracle}), as soon as the configuration is
 * read: before the database is touched or a keystore opened. Registered in
 * {@code META-INF/spring.factories}. A read-only start (the {@code read-only} profile of
 * {@code jobs/status.sh}) opens no keystore, so its password is not its concern.
 */
public class DevelopmentPasswordGuard implements EnvironmentPostProcessor, Ordered {

    /** The profiles of a production database: never the development keystore. */
    static final String PRODUCTION_PROFILES = "postgres | oracle";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.matchesProfiles(PRODUCTION_PROFILES) && !environment.matchesProfiles("read-only")
                && CryptoProperties.DEVELOPMENT_PASSWORD
                    .equals(environment.getProperty("issuance.crypto.keystore-password"))) {
            throw new KeyRefusedException("the postgres and oracle profiles refuse the development keystore password "
                    + "committed in application.yml; give the production keystore's password in "
                    + "ISSUANCE_CRYPTO_KEYSTORE_PASSWORD");
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after the configuration files are read
    }

}
