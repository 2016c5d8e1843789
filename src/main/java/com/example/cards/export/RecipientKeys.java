package com.example.cards.export;

import java.nio.file.Path;
import java.util.Optional;

import com.example.cards.crypto.CardDataKey;
import com.example.cards.crypto.CardDataKeySet;
import com.example.cards.crypto.CourierKey;
import com.example.cards.crypto.RecipientKeyException;
import com.example.cards.run.RunParameters;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.core.env.Environment;

/**
 * The recipients' public keys of one run: the service provider's card-data key and the
 * courier's manifest key. Each comes from the run's job parameters
 * ({@code cardDataJwks}/{@code cardDataKeyId}, {@code manifestPgpKey}/
 * {@code manifestPgpFingerprint}, set by the scripts' {@code --card-data-jwks},
 * {@code --card-data-key-id}, {@code --manifest-pgp-key} and
 * {@code --manifest-pgp-fingerprint}) or else from the standing configuration
 * ({@code issuance.card-data.jwks}, {@code issuance.card-data.key-id},
 * {@code issuance.manifest.pgp-public-key}, {@code issuance.manifest.pgp-fingerprint}).
 * None configured means none used: no card-data file, a plain manifest.
 *
 * <p>
 * The command line {@linkplain #check checks} them before a run is launched, so a bad key
 * is refused (exit 2) before anything is staged; the export reads them again when it
 * writes, so a restart uses the same files.
 */
public final class RecipientKeys {

    public static final String CARD_DATA_JWKS_PROPERTY = "issuance.card-data.jwks";

    public static final String CARD_DATA_KEY_ID_PROPERTY = "issuance.card-data.key-id";

    public static final String MANIFEST_KEY_PROPERTY = "issuance.manifest.pgp-public-key";

    public static final String MANIFEST_FINGERPRINT_PROPERTY = "issuance.manifest.pgp-fingerprint";

    private final Environment environment;

    public RecipientKeys(Environment environment) {
        this.environment = environment;
    }

    /**
     * Loads and checks every configured key of a run.
     * @throws RecipientKeyException (one line) if a key file or the chosen key is refused
     */
    public void check(JobParameters parameters) {
        cardDataKey(parameters);
        courierKey(parameters);
    }

    /** The card-data key of a run, checked; empty when no key set is configured. */
    public Optional<CardDataKey> cardDataKey(JobParameters parameters) {
        return setting(parameters, RunParameters.CARD_DATA_JWKS, CARD_DATA_JWKS_PROPERTY)
            .map((file) -> CardDataKeySet.select(Path.of(file),
                    setting(parameters, RunParameters.CARD_DATA_KEY_ID, CARD_DATA_KEY_ID_PROPERTY).orElse(null)));
    }

    /** The courier key of a run, checked; empty when no courier key is configured. */
    public Optional<CourierKey> courierKey(JobParameters parameters) {
        return setting(parameters, RunParameters.MANIFEST_PGP_KEY, MANIFEST_KEY_PROPERTY)
            .map((file) -> CourierKey.load(Path.of(file),
                    setting(parameters, RunParameters.MANIFEST_PGP_FINGERPRINT, MANIFEST_FINGERPRINT_PROPERTY)
                        .orElse(null)));
    }

    private Optional<String> setting(JobParameters parameters, String parameter, String property) {
        String value = parameters.getString(parameter);
        if (value == null || value.isBlank()) {
            value = this.environment.getProperty(property);
        }
        return (value == null || value.isBlank()) ? Optional.empty() : Optional.of(value.strip());
    }

}
