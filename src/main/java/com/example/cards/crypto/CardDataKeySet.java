package com.example.cards.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * The service provider's public keys for the card data, read from a JSON Web Key Set file
 * (RFC 7517). Several keys may sit side by side while the provider rotates; a run uses
 * one, {@linkplain #select chosen} by its {@code kid} or, when none is named, the set's
 * first key, as the online call does.
 *
 * <p>
 * What is refused, each with a one-line {@link RecipientKeyException}:
 * <ul>
 * <li>for the whole file: unreadable, not a JWK set, no keys, two keys with the same
 * {@code kid} (a selection by kid would be ambiguous), or any private or secret key
 * material: a file meant to be public that holds a private key has been mixed up, and we
 * must not carry the provider's private key around;</li>
 * <li>for the selected key: not RSA, shorter than 2048 bits, marked for signatures
 * ({@code "use":"sig"}), {@code key_ops} without {@code wrapKey}/{@code encrypt}, an
 * {@code alg} other than {@code RSA-OAEP-256}, or a {@code kid} that is not a key
 * id.</li>
 * </ul>
 * Keys that are not selected are not judged beyond the whole-file checks, so a provider's
 * set may also carry, say, its signing keys.
 *
 * <p>
 * Key ids are required to be exactly 32 characters (printable ASCII, no spaces): the API
 * names the key in {@code X-KM-Crypto-Key-Id}, which is 32 characters, and the receiving
 * side looks keys up by that id. A key set whose ids have another shape is the wrong file
 * (or the provider changed its contract), which is better found at start than by a
 * provider that cannot find our key. The alphabet is not narrowed further because the API
 * does not specify it.
 *
 * <p>
 * Instances are immutable and safe to share between threads.
 */
public final class CardDataKeySet {

    /** The length of a provider key id ({@code X-KM-Crypto-Key-Id}). */
    public static final int KEY_ID_LENGTH = 32;

    static final int MINIMUM_RSA_BITS = 2048;

    private static final Pattern KEY_ID = Pattern.compile("[\\x21-\\x7E]{" + KEY_ID_LENGTH + "}");

    private final Path file;

    private final List<JWK> keys;

    private CardDataKeySet(Path file, List<JWK> keys) {
        this.file = file;
        this.keys = keys;
    }

    /**
     * Reads and checks a key set file.
     * @param file the JWKS file
     * @return the key set
     * @throws RecipientKeyException if the file cannot be read or is not a usable key set
     */
    public static CardDataKeySet load(Path file) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (IOException | RuntimeException ex) {
            throw new RecipientKeyException(
                    "Card-data key set " + file + " cannot be read: " + ex.getClass().getSimpleName(), ex);
        }
        JWKSet set;
        try {
            set = JWKSet.parse(json);
        }
        catch (ParseException | RuntimeException ex) {
            throw new RecipientKeyException(
                    "Card-data key set " + file + " is not a JSON Web Key Set: " + oneLine(ex.getMessage()), ex);
        }
        List<JWK> keys = set.getKeys();
        if (keys.isEmpty()) {
            throw new RecipientKeyException("Card-data key set " + file + " holds no keys");
        }
        Set<String> ids = new HashSet<>();
        for (JWK key : keys) {
            if (key.isPrivate()) {
                throw new RecipientKeyException("Card-data key set " + file + " holds private or secret key material"
                        + describe(key) + "; it must hold the provider's public keys only");
            }
            if (key.getKeyID() != null && !ids.add(key.getKeyID())) {
                throw new RecipientKeyException(
                        "Card-data key set " + file + " holds two keys with kid " + key.getKeyID());
            }
        }
        return new CardDataKeySet(file, List.copyOf(keys));
    }

    /**
     * Convenience for the command line: {@link #load} then {@link #select}.
     * @param file the JWKS file
     * @param keyId the key id, or {@code null} or blank for the set's first key
     * @return the checked key
     * @throws RecipientKeyException if the file or the selected key is refused
     */
    public static CardDataKey select(Path file, String keyId) {
        return load(file).select(keyId);
    }

    /**
     * Chooses the key for a run and checks that it can encrypt card data.
     * @param keyId the key id, or {@code null} or blank for the set's first key
     * @return the checked key
     * @throws RecipientKeyException if no key has that id or the key is refused
     */
    public CardDataKey select(String keyId) {
        JWK key;
        if (keyId == null || keyId.isBlank()) {
            key = this.keys.get(0);
        }
        else {
            key = this.keys.stream()
                .filter((candidate) -> keyId.equals(candidate.getKeyID()))
                .findFirst()
                .orElseThrow(() -> new RecipientKeyException("Card-data key set " + this.file + " has no key with kid "
                        + oneLine(keyId) + " (kids: " + keyIds() + ")"));
        }
        return check(key);
    }

    /**
     * The key ids in the set, in file order ({@code null} for a key without one).
     * @return the key ids
     */
    public List<String> keyIds() {
        return this.keys.stream().map(JWK::getKeyID).toList();
    }

    private CardDataKey check(JWK key) {
        String where = "Card-data key" + describe(key) + " in " + this.file;
        if (key.getKeyType() != KeyType.RSA) {
            throw new RecipientKeyException(where + " is " + key.getKeyType() + ", not RSA");
        }
        if (key.getKeyUse() != null && !KeyUse.ENCRYPTION.equals(key.getKeyUse())) {
            throw new RecipientKeyException(
                    where + " is marked \"use\":\"" + key.getKeyUse().identifier() + "\", not for encryption");
        }
        Set<KeyOperation> operations = key.getKeyOperations();
        if (operations != null && !operations.contains(KeyOperation.WRAP_KEY)
                && !operations.contains(KeyOperation.ENCRYPT)) {
            throw new RecipientKeyException(where + " allows only " + operations + ", not wrapKey or encrypt");
        }
        if (key.getAlgorithm() != null && !JWEAlgorithm.RSA_OAEP_256.equals(key.getAlgorithm())) {
            throw new RecipientKeyException(where + " is for \"alg\":\"" + key.getAlgorithm().getName() + "\", not "
                    + JWEAlgorithm.RSA_OAEP_256.getName());
        }
        if (key.size() < MINIMUM_RSA_BITS) {
            throw new RecipientKeyException(
                    where + " has " + key.size() + " bits; at least " + MINIMUM_RSA_BITS + " are required");
        }
        if (key.getKeyID() == null || !KEY_ID.matcher(key.getKeyID()).matches()) {
            throw new RecipientKeyException(
                    where + " has no key id of " + KEY_ID_LENGTH + " printable characters (X-KM-Crypto-Key-Id)");
        }
        try {
            return new CardDataKey(key.getKeyID(), ((RSAKey) key).toRSAPublicKey());
        }
        catch (JOSEException ex) {
            throw new RecipientKeyException(where + " is not a valid RSA public key: " + oneLine(ex.getMessage()), ex);
        }
    }

    private static String describe(JWK key) {
        return (key.getKeyID() != null) ? " (kid " + oneLine(key.getKeyID()) + ")" : " (no kid)";
    }

    private static String oneLine(String text) {
        return (text != null) ? text.replaceAll("\\s+", " ").strip() : "";
    }

}
