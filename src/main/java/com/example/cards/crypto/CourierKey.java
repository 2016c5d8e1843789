package com.example.cards.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPCertificate.OpenPGPComponentKey;
import org.bouncycastle.openpgp.api.OpenPGPCertificate.OpenPGPUserId;
import org.bouncycastle.openpgp.api.OpenPGPKeyReader;
import org.bouncycastle.openpgp.api.bc.BcOpenPGPImplementation;

/**
 * The courier's OpenPGP public key, read from an ASCII-armoured file, to which the
 * delivery manifest is encrypted. A file may hold several keys side by side while the
 * courier rotates; a run uses one, chosen by its fingerprint or, when none is named, the
 * file's first key.
 *
 * <p>
 * Whether the key can be used is judged by Bouncy Castle's OpenPGP certificate evaluation
 * (signatures verified, revocations and expiry applied) at the given clock's "now", so a
 * forged or stale binding is not trusted. Refused, each with a one-line
 * {@link RecipientKeyException}: an unreadable file or one without a public key, any
 * secret key in the file (the courier's private key must not travel with us), an unknown
 * fingerprint, and for the chosen key: revoked, expired, or without a subkey that may
 * encrypt now (a sign-only key, or one whose encryption subkeys expired or were revoked).
 *
 * <p>
 * When several subkeys may encrypt, the newest is used, as GnuPG does. Instances are
 * immutable and safe to share between threads.
 */
public final class CourierKey {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final OpenPGPCertificate certificate;

    private final OpenPGPComponentKey encryptionKey;

    private CourierKey(OpenPGPCertificate certificate, OpenPGPComponentKey encryptionKey) {
        this.certificate = certificate;
        this.encryptionKey = encryptionKey;
    }

    /**
     * Reads a key file and chooses the key, judged at the current time.
     * @param file an ASCII-armoured public key or keyring
     * @param fingerprint the chosen key's fingerprint (spaces and case ignored), or
     * {@code null} or blank for the file's first key
     * @return the checked key
     * @throws RecipientKeyException if the file or the chosen key is refused
     */
    public static CourierKey load(Path file, String fingerprint) {
        return load(file, fingerprint, Clock.systemUTC());
    }

    /**
     * Reads a key file and chooses the key, judged at the clock's time.
     * @param file an ASCII-armoured public key or keyring
     * @param fingerprint the chosen key's fingerprint (spaces and case ignored), or
     * {@code null} or blank for the file's first key
     * @param clock the time at which the key must be valid
     * @return the checked key
     * @throws RecipientKeyException if the file or the chosen key is refused
     */
    public static CourierKey load(Path file, String fingerprint, Clock clock) {
        List<OpenPGPCertificate> certificates = read(file);
        for (OpenPGPCertificate certificate : certificates) {
            if (certificate.isSecretKey()) {
                throw new RecipientKeyException("Courier key file " + file + " holds a secret key ("
                        + fingerprintOf(certificate) + "); it must hold the courier's public keys only");
            }
        }
        OpenPGPCertificate chosen = choose(file, certificates, fingerprint);
        return new CourierKey(chosen, encryptionKey(file, chosen, Date.from(clock.instant())));
    }

    /**
     * The chosen key's fingerprint (of its primary key) in upper-case hex without spaces,
     * as {@code gpg --list-keys} prints it; the summary lists it beside the manifest.
     * @return the fingerprint
     */
    public String fingerprint() {
        return fingerprintOf(this.certificate);
    }

    /**
     * The fingerprint of the subkey the manifest is actually encrypted to; a courier who
     * holds several decryption subkeys can tell which one to use.
     * @return the encryption subkey's fingerprint
     */
    public String encryptionKeyFingerprint() {
        return HEX.formatHex(this.encryptionKey.getPGPPublicKey().getFingerprint());
    }

    /**
     * The chosen key's primary user id, for the operator's report.
     * @return the user id, or an empty string if the key has none that is valid
     */
    public String userId() {
        OpenPGPUserId userId = this.certificate.getPrimaryUserId();
        return (userId != null) ? userId.getUserId() : "";
    }

    PGPPublicKey encryptionKey() {
        return this.encryptionKey.getPGPPublicKey();
    }

    @Override
    public String toString() {
        return "CourierKey[" + fingerprint() + "]";
    }

    private static List<OpenPGPCertificate> read(Path file) {
        List<OpenPGPCertificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = new OpenPGPKeyReader(new BcOpenPGPImplementation()).parseKeysOrCertificates(in);
        }
        catch (IOException | RuntimeException ex) {
            throw new RecipientKeyException("Courier key file " + file + " cannot be read as an OpenPGP key: "
                    + ex.getClass().getSimpleName() + oneLine(ex.getMessage()), ex);
        }
        if (certificates.isEmpty()) {
            throw new RecipientKeyException("Courier key file " + file + " holds no OpenPGP public key");
        }
        return certificates;
    }

    private static OpenPGPCertificate choose(Path file, List<OpenPGPCertificate> certificates, String fingerprint) {
        if (fingerprint == null || fingerprint.isBlank()) {
            return certificates.get(0);
        }
        String wanted = fingerprint.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        if (wanted.startsWith("0X")) {
            wanted = wanted.substring(2);
        }
        for (OpenPGPCertificate certificate : certificates) {
            if (fingerprintOf(certificate).equals(wanted)) {
                return certificate;
            }
        }
        throw new RecipientKeyException("Courier key file " + file + " has no key with fingerprint "
                + fingerprint.replaceAll("\\s+", " ").strip() + " (fingerprints: "
                + certificates.stream().map(CourierKey::fingerprintOf).toList() + ")");
    }

    private static OpenPGPComponentKey encryptionKey(Path file, OpenPGPCertificate certificate, Date now) {
        String where = "Courier key " + fingerprintOf(certificate) + " in " + file;
        if (certificate.getPrimaryKey().getRevocation(now) != null) {
            throw new RecipientKeyException(where + " is revoked");
        }
        Date expiry = certificate.getPrimaryKey().getKeyExpirationDateAt(now);
        if (expiry != null && !expiry.after(now)) {
            throw new RecipientKeyException(where + " expired on " + expiry.toInstant());
        }
        if (!certificate.getPrimaryKey().isBoundAt(now)) {
            throw new RecipientKeyException(
                    where + " is not valid at " + now.toInstant() + " (no valid self-signature, or created later)");
        }
        List<OpenPGPComponentKey> usable = certificate.getEncryptionKeys(now);
        if (usable.isEmpty()) {
            boolean everForEncryption = certificate.getKeys()
                .stream()
                .anyMatch((key) -> key.getLatestSelfSignature(now) != null && key.isEncryptionKey(signedAt(key, now)));
            throw new RecipientKeyException(where + (everForEncryption
                    ? " has no encryption subkey valid at " + now.toInstant() + " (expired or revoked)"
                    : " is sign-only: it has no encryption subkey"));
        }
        return usable.stream().max(Comparator.comparing(OpenPGPComponentKey::getCreationTime)).orElseThrow();
    }

    /**
     * The time of a key's latest self-signature up to now: the moment its key flags were
     * last stated, so that an expired or revoked encryption subkey still counts as one.
     */
    private static Date signedAt(OpenPGPComponentKey key, Date now) {
        return key.getLatestSelfSignature(now).getCreationTime();
    }

    private static String fingerprintOf(OpenPGPCertificate certificate) {
        return HEX.formatHex(certificate.getFingerprint());
    }

    private static String oneLine(String text) {
        return (text != null && !text.isBlank()) ? ": " + text.replaceAll("\\s+", " ").strip() : "";
    }

}
