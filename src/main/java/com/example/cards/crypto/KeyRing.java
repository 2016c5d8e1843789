package com.example.cards.crypto;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's secret keys, read once from a PKCS12 keystore whose path and password
 * are configuration ({@code issuance.crypto.keystore-path}).
 *
 * <p>
 * Keystore aliases (PKCS12 aliases are case-insensitive; they are written in lower case):
 * <ul>
 * <li>{@code data.<keyId>} &ndash; AES-256 data-encryption key (32 bytes) used by
 * {@link FieldCipher}. {@code keyId} is 32 lowercase hex characters. Several may exist
 * because keys rotate: old keys stay so that values sealed under them can still be
 * opened; new values are sealed under the {@linkplain #activeDataKeyId() active}
 * key.</li>
 * <li>{@code hash} &ndash; 32-byte HMAC-SHA-256 key for {@link KeyedHash}
 * (resident-number matching, card-number uniqueness).</li>
 * <li>{@code pan-ff1} &ndash; AES-256 key (32 bytes) for the card-number
 * permutation.</li>
 * <li>{@code cvk.<name>} &ndash; 16 bytes: CVK-A (first 8 bytes) || CVK-B (last 8
 * bytes).</li>
 * </ul>
 * Every entry is a secret-key entry protected with the keystore password. All of them are
 * stored with the algorithm name "AES" whatever their use: the JDK's PKCS12 keystore
 * records the algorithm as an OID and does not round-trip names such as "HmacSHA256" or
 * "DESede" reliably, whereas the raw bytes of an "AES" entry load back unchanged.
 *
 * <p>
 * Everything is loaded and checked in {@link #open}, so a broken keystore stops the
 * application at start rather than half-way through a batch. Instances are immutable and
 * safe to share between threads. Key bytes are never logged.
 */
public final class KeyRing {

    static final String PATH_PROPERTY = "issuance.crypto.keystore-path";
    static final String DATA_PREFIX = "data.";
    static final String HASH_ALIAS = "hash";
    static final String PAN_PERMUTATION_ALIAS = "pan-ff1";
    static final String CVK_PREFIX = "cvk.";
    static final String DEFAULT_CVK_NAME = "default";

    private static final Logger log = LoggerFactory.getLogger(KeyRing.class);

    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{32}");

    private static final String KEYSTORE_TYPE = "PKCS12";

    private static final String RAW_KEY_ALGORITHM = "AES";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path path;

    private final Map<String, SecretKey> dataKeys;

    private final String activeDataKeyId;

    private final byte[] hashKey;

    private final byte[] panPermutationKey;

    private final Map<String, CvkPair> cvks;

    private KeyRing(Path path, Map<String, SecretKey> dataKeys, String activeDataKeyId, byte[] hashKey,
            byte[] panPermutationKey, Map<String, CvkPair> cvks) {
        this.path = path;
        this.dataKeys = Collections.unmodifiableMap(dataKeys);
        this.activeDataKeyId = activeDataKeyId;
        this.hashKey = hashKey;
        this.panPermutationKey = panPermutationKey;
        this.cvks = Collections.unmodifiableMap(cvks);
    }

    /**
     * Loads the keystore.
     * @param path keystore file
     * @param password keystore and entry password; not retained, and not wiped (it is the
     * caller's)
     * @param createIfMissing generate a development keystore when the file does not exist
     * @param activeDataKeyId id of the data key to seal new values with; {@code null} or
     * blank selects the newest data key
     * @throws IllegalStateException if the keystore is missing (and may not be created),
     * unreadable, has a wrong password, or lacks or has malformed entries
     */
    public static KeyRing open(Path path, char[] password, boolean createIfMissing, String activeDataKeyId) {
        return open(path, password, createIfMissing, activeDataKeyId, () -> {
        });
    }

    /**
     * Loads the keystore as {@link #open(Path, char[], boolean, String)} does;
     * {@code beforeCreating} runs before a development keystore is generated and may
     * refuse it by throwing.
     */
    public static KeyRing open(Path path, char[] password, boolean createIfMissing, String activeDataKeyId,
            Runnable beforeCreating) {
        requireUsable(path, password);
        KeyStore store = readOrCreate(path, password, createIfMissing, beforeCreating);
        return fromStore(path, store, password, activeDataKeyId);
    }

    /**
     * Key rotation for the operator script: adds a new random data key to an existing
     * keystore and rewrites it. On their next start, applications that do not configure
     * an active key id seal under the new key (it is the newest). Old keys stay so that
     * existing values still open. Do not run two rotations on the same file at the same
     * time, and back the file up: losing a data key makes everything sealed under it
     * unreadable.
     * @return the id of the new data key
     */
    public static String addDataKey(Path path, char[] password) {
        requireUsable(path, password);
        if (!Files.exists(path)) {
            throw new IllegalStateException("Cannot add a data key: keystore " + path + " does not exist");
        }
        KeyStore store = read(path, password);
        String keyId = newKeyId();
        put(store, DATA_PREFIX + keyId, randomBytes(32), password);
        writeReplacing(path, store, password);
        log.info("Added data key {} to keystore {}", keyId, path);
        return keyId;
    }

    /** The id of the key that {@link FieldCipher} seals new values with. */
    public String activeDataKeyId() {
        return activeDataKeyId;
    }

    /** The ids of every data key in the keystore. */
    public java.util.Set<String> dataKeyIds() {
        return dataKeys.keySet();
    }

    /** The AES-256 data key with this id. */
    public SecretKey dataKey(String keyId) {
        SecretKey key = keyId == null ? null : dataKeys.get(keyId);
        if (key == null) {
            String shown = Masking.maskRrns(keyId, false); // an id read from a stored row
            throw new IllegalStateException("No data key '" + shown + "' (alias " + DATA_PREFIX + shown
                    + ") in keystore " + path + "; it may have been removed, or the keystore is the wrong one");
        }
        return key;
    }

    /** The 32-byte HMAC key; a fresh copy on every call. */
    public byte[] hashKey() {
        return required(hashKey, HASH_ALIAS).clone();
    }

    /** The 32-byte card-number permutation key; a fresh copy on every call. */
    public byte[] panPermutationKey() {
        return required(panPermutationKey, PAN_PERMUTATION_ALIAS).clone();
    }

    /** The CVC key pair stored under {@code cvk.<name>}. */
    public CvkPair cvk(String name) {
        CvkPair pair = name == null ? null : cvks.get(CVK_PREFIX + name.toLowerCase(Locale.ROOT));
        if (pair == null) {
            throw new IllegalStateException(
                    "No CVK pair '" + name + "' (alias " + CVK_PREFIX + name + ") in keystore " + path);
        }
        return pair;
    }

    private <T> T required(T value, String alias) {
        if (value == null) {
            throw new IllegalStateException("Keystore " + path + " has no entry '" + alias + "'");
        }
        return value;
    }

    // ---------------------------------------------------------------- reading

    private static void requireUsable(Path path, char[] password) {
        if (path == null) {
            throw new IllegalStateException("No keystore path configured (" + PATH_PROPERTY + ")");
        }
        // PKCS12 with a null password loads without checking integrity and cannot decrypt
        // secret keys,
        // which would surface later as a confusing error.
        if (password == null || password.length == 0) {
            throw new IllegalStateException("No password configured for keystore " + path);
        }
    }

    private static KeyStore readOrCreate(Path path, char[] password, boolean createIfMissing, Runnable beforeCreating) {
        if (Files.exists(path)) {
            return read(path, password);
        }
        if (!createIfMissing) {
            throw new IllegalStateException("Keystore " + path + " does not exist. Set " + PATH_PROPERTY
                    + " to the production keystore, or allow a development keystore to be generated.");
        }
        beforeCreating.run();
        KeyStore generated = generateDevelopmentStore(password);
        if (!writeNew(path, generated, password)) {
            // Another process created it between our check and our write; theirs wins so
            // no key is lost.
            return read(path, password);
        }
        log.warn("""

                ********************************************************************************
                A DEVELOPMENT keystore was generated at {}.
                It must NOT be used in production.
                Losing this file makes all data encrypted with it permanently unreadable.
                ********************************************************************************""",
                path.toAbsolutePath());
        return generated;
    }

    private static KeyStore read(Path path, char[] password) {
        byte[] content;
        try {
            content = Files.readAllBytes(path);
        }
        catch (NoSuchFileException e) {
            throw new IllegalStateException("Keystore " + path + " does not exist (" + PATH_PROPERTY + ")", e);
        }
        catch (IOException e) {
            throw new IllegalStateException("Cannot read keystore " + path + ": " + e, e);
        }
        try {
            KeyStore store = KeyStore.getInstance(KEYSTORE_TYPE);
            store.load(new ByteArrayInputStream(content), password);
            return store;
        }
        catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IllegalStateException(
                        "Cannot open keystore " + path + ": the keystore password is wrong (or the file is damaged)",
                        e);
            }
            throw new IllegalStateException("Cannot open keystore " + path
                    + ": the file is not a readable PKCS12 keystore (corrupt or wrong format): " + e.getMessage(), e);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot open keystore " + path + ": " + e, e);
        }
    }

    private static KeyRing fromStore(Path path, KeyStore store, char[] password, String configuredActiveId) {
        Map<String, SecretKey> dataKeys = new HashMap<>();
        Map<String, Date> created = new HashMap<>();
        Map<String, CvkPair> cvks = new HashMap<>();
        byte[] hashKey = null;
        byte[] panKey = null;
        try {
            for (String alias : Collections.list(store.aliases())) {
                String name = alias.toLowerCase(Locale.ROOT);
                if (name.startsWith(DATA_PREFIX)) {
                    String keyId = name.substring(DATA_PREFIX.length());
                    if (!KEY_ID.matcher(keyId).matches()) {
                        throw new IllegalStateException("Keystore " + path + ": alias '" + alias
                                + "' is not data.<32 lowercase hex characters>");
                    }
                    byte[] bytes = secret(store, alias, password, 32, path);
                    dataKeys.put(keyId, new SecretKeySpec(bytes, "AES"));
                    Arrays.fill(bytes, (byte) 0);
                    created.put(keyId, store.getCreationDate(alias));
                }
                else if (name.equals(HASH_ALIAS)) {
                    hashKey = secret(store, alias, password, 32, path);
                }
                else if (name.equals(PAN_PERMUTATION_ALIAS)) {
                    panKey = secret(store, alias, password, 32, path);
                }
                else if (name.startsWith(CVK_PREFIX)) {
                    byte[] bytes = secret(store, alias, password, 16, path);
                    cvks.put(name, new CvkPair(Arrays.copyOfRange(bytes, 0, 8), Arrays.copyOfRange(bytes, 8, 16)));
                    Arrays.fill(bytes, (byte) 0);
                }
                else {
                    log.debug("Ignoring keystore entry '{}' in {}", alias, path);
                }
            }
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the entries of keystore " + path + ": " + e, e);
        }
        String active = chooseActive(path, dataKeys, created, configuredActiveId);
        log.info("Opened keystore {}: {} data key(s), active data key {}, {} CVK pair(s)", path, dataKeys.size(),
                active, cvks.size());
        return new KeyRing(path, dataKeys, active, hashKey, panKey, cvks);
    }

    private static byte[] secret(KeyStore store, String alias, char[] password, int length, Path path)
            throws GeneralSecurityException {
        KeyStore.Entry entry;
        try {
            entry = store.getEntry(alias, new KeyStore.PasswordProtection(password));
        }
        catch (UnrecoverableKeyException e) {
            throw new IllegalStateException(
                    "Keystore " + path + ": entry '" + alias + "' cannot be decrypted with the keystore password", e);
        }
        if (!(entry instanceof KeyStore.SecretKeyEntry secretEntry)) {
            throw new IllegalStateException("Keystore " + path + ": entry '" + alias + "' is not a secret key");
        }
        byte[] bytes = secretEntry.getSecretKey().getEncoded();
        if (bytes == null || bytes.length != length) {
            throw new IllegalStateException("Keystore " + path + ": entry '" + alias + "' must be " + length
                    + " bytes, found " + (bytes == null ? "none" : bytes.length));
        }
        return bytes;
    }

    private static String chooseActive(Path path, Map<String, SecretKey> dataKeys, Map<String, Date> created,
            String configured) {
        if (configured != null && !configured.isBlank()) {
            String id = configured.strip();
            if (!dataKeys.containsKey(id)) {
                throw new IllegalStateException("The configured active data key '" + id + "' is not in keystore " + path
                        + " (no alias " + DATA_PREFIX + id + ")");
            }
            return id;
        }
        // Newest wins so that a rotation takes effect on restart without a configuration
        // change. The id
        // breaks ties only to make the choice deterministic.
        Comparator<String> newestThenGreatest = Comparator
            .comparing((String id) -> created.get(id), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Comparator.naturalOrder());
        return dataKeys.keySet()
            .stream()
            .max(newestThenGreatest)
            .orElseThrow(() -> new IllegalStateException(
                    "Keystore " + path + " contains no data key (alias " + DATA_PREFIX + "<32 hex characters>)"));
    }

    // ---------------------------------------------------------------- writing

    private static KeyStore generateDevelopmentStore(char[] password) {
        try {
            KeyStore store = KeyStore.getInstance(KEYSTORE_TYPE);
            store.load(null, password);
            put(store, DATA_PREFIX + newKeyId(), randomBytes(32), password);
            put(store, HASH_ALIAS, randomBytes(32), password);
            put(store, PAN_PERMUTATION_ALIAS, randomBytes(32), password);
            put(store, CVK_PREFIX + DEFAULT_CVK_NAME, randomBytes(16), password);
            return store;
        }
        catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot create a development keystore: " + e, e);
        }
    }

    private static void put(KeyStore store, String alias, byte[] bytes, char[] password) {
        try {
            store.setEntry(alias, new KeyStore.SecretKeyEntry(new SecretKeySpec(bytes, RAW_KEY_ALGORITHM)),
                    new KeyStore.PasswordProtection(password));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot store keystore entry '" + alias + "': " + e, e);
        }
        finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * @return false if the file appeared meanwhile (nothing was written over it)
     */
    private static boolean writeNew(Path path, KeyStore store, char[] password) {
        Path temp = writeTemp(path, store, password);
        try {
            // Deliberately no REPLACE_EXISTING: overwriting someone else's keystore would
            // lose keys.
            Files.move(temp, path);
            return true;
        }
        catch (FileAlreadyExistsException e) {
            deleteQuietly(temp);
            return false;
        }
        catch (IOException e) {
            deleteQuietly(temp);
            throw new IllegalStateException("Cannot write keystore " + path + ": " + e, e);
        }
    }

    private static void writeReplacing(Path path, KeyStore store, char[] password) {
        Path temp = writeTemp(path, store, password);
        try {
            // Atomic so a crash leaves either the old or the new keystore, never a
            // truncated one.
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (IOException e) {
            deleteQuietly(temp);
            throw new IllegalStateException("Cannot write keystore " + path + ": " + e, e);
        }
    }

    /**
     * Writes to a temporary file next to the target, created owner-only before any key
     * byte is in it.
     */
    private static Path writeTemp(Path path, KeyStore store, char[] password) {
        Path temp = null;
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            store.store(buffer, password);
            Path dir = path.toAbsolutePath().getParent();
            OwnerOnlyFiles.createDirectories(dir);
            String prefix = path.getFileName() + ".";
            temp = dir.getFileSystem().supportedFileAttributeViews().contains("posix")
                    ? Files.createTempFile(dir, prefix, ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, prefix, ".tmp");
            try (OutputStream out = Files.newOutputStream(temp)) {
                buffer.writeTo(out);
            }
            return temp;
        }
        catch (GeneralSecurityException | IOException e) {
            if (temp != null) {
                deleteQuietly(temp);
            }
            throw new IllegalStateException("Cannot write keystore " + path + ": " + e, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        }
        catch (IOException e) {
            log.warn("Could not delete temporary keystore file {}: {}", file, e.toString());
        }
    }

    private static String newKeyId() {
        return HexFormat.of().formatHex(randomBytes(16));
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

}
