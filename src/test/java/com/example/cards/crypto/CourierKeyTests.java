package com.example.cards.crypto;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Courier keys as the courier makes them: with GnuPG, in a throwaway home directory.
 */
class CourierKeyTests {

    private static GnuPg gpg;

    private static String courierA;

    private static String courierB;

    private static String signOnly;

    private static String expiresInADay;

    private static String expiringSubkey;

    private static String revoked;

    @TempDir
    Path dir;

    /**
     * Makes the GnuPG keys on first use, so that only the tests that need GnuPG depend on
     * it being installed.
     */
    private static synchronized void makeGnuPgKeys() throws Exception {
        if (gpg != null) {
            return;
        }
        gpg = GnuPg.inTemporaryHome();
        courierA = gpg.generateKey("Courier A <a@courier.test>", "future-default", "default", "never");
        // An RSA key laid out as GnuPG's default: certifying primary, encryption subkey.
        courierB = gpg.generateKey("Courier B <b@courier.test>", "rsa2048", "cert,sign", "never");
        gpg.addSubkey(courierB, "rsa2048", "encr", "never");
        signOnly = gpg.generateKey("Sign only <s@courier.test>", "ed25519", "sign", "never");
        expiresInADay = gpg.generateKey("Expires <e@courier.test>", "future-default", "default", "1d");
        expiringSubkey = gpg.generateKey("Expiring subkey <x@courier.test>", "ed25519", "sign", "never");
        gpg.addSubkey(expiringSubkey, "cv25519", "encr", "1d");
        revoked = gpg.generateKey("Revoked <r@courier.test>", "future-default", "default", "never");
        gpg.revoke(revoked);
    }

    @AfterAll
    static void stopGnuPg() throws Exception {
        if (gpg != null) {
            gpg.close();
        }
    }

    @Test
    void takesTheFirstKeyOfTheFileAndPrintsItsFingerprintAsGnuPgDoes() throws Exception {
        makeGnuPgKeys();
        Path file = write(concat(gpg.exportPublic(courierA), gpg.exportPublic(courierB)));

        CourierKey key = CourierKey.load(file, null);

        assertThat(courierA).matches("[0-9A-F]{40}");
        assertThat(key.fingerprint()).isEqualTo(courierA);
        assertThat(key.userId()).isEqualTo("Courier A <a@courier.test>");
        assertThat(key.encryptionKeyFingerprint()).isEqualTo(subkeyFingerprint(courierA))
            .isNotEqualTo(key.fingerprint());
        assertThat(key).hasToString("CourierKey[" + courierA + "]");
    }

    static Stream<Arguments> fingerprints() {
        return Stream.of(Arguments.of("as gpg prints it"), Arguments.of("lower case"),
                Arguments.of("in groups of four"), Arguments.of("with 0x"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fingerprints")
    void choosesAKeyByFingerprint(String form) throws Exception {
        makeGnuPgKeys();
        Path file = write(gpg.exportPublic(courierA, courierB));
        String fingerprint = switch (form) {
            case "lower case" -> courierB.toLowerCase(Locale.ROOT);
            case "in groups of four" -> courierB.replaceAll("(.{4})", "$1 ").strip();
            case "with 0x" -> "0x" + courierB;
            default -> courierB;
        };

        CourierKey key = CourierKey.load(file, fingerprint);

        assertThat(key.fingerprint()).isEqualTo(courierB);
        assertThat(key.encryptionKeyFingerprint()).isEqualTo(subkeyFingerprint(courierB));
    }

    @Test
    void readsAKeyringOfConcatenatedArmouredKeys() throws Exception {
        makeGnuPgKeys();
        Path file = write(concat(gpg.exportPublic(courierB), gpg.exportPublic(courierA)));

        assertThat(CourierKey.load(file, null).fingerprint()).isEqualTo(courierB);
        assertThat(CourierKey.load(file, courierA).fingerprint()).isEqualTo(courierA);
    }

    @Test
    void usesAKeyUntilItExpires() throws Exception {
        makeGnuPgKeys();
        Path file = write(gpg.exportPublic(expiresInADay));

        assertThat(CourierKey.load(file, null, Clock.systemUTC()).fingerprint()).isEqualTo(expiresInADay);
        assertThatThrownBy(() -> CourierKey.load(file, null, inTwoDays())).isInstanceOf(RecipientKeyException.class)
            .hasMessageContaining(" expired on ");
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                // which key, chosen by, at what time, what the message says
                Arguments.of("revoked", "revoked", now(), "Courier key REVOKED in FILE is revoked"),
                Arguments.of("expired", "expiresInADay", inTwoDays(), "Courier key EXPIRES in FILE expired on "),
                Arguments.of("sign-only", "signOnly", now(),
                        "Courier key SIGNONLY in FILE is sign-only: it has no encryption subkey"),
                Arguments.of("its only encryption subkey expired", "expiringSubkey", inTwoDays(),
                        "Courier key EXPIRINGSUBKEY in FILE has no encryption subkey valid at "),
                Arguments.of("unknown fingerprint", "unknown", now(),
                        "Courier key file FILE has no key with fingerprint "
                                + "0000 0000 0000 0000 0000 0000 0000 0000 0000 0000 (fingerprints: ["));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesKeysTheCourierCannotOrMustNotUse(String name, String which, Clock clock, String message)
            throws Exception {
        makeGnuPgKeys();
        Path file = write(gpg.exportPublic(courierA, revoked, expiresInADay, signOnly, expiringSubkey));
        String fingerprint = switch (which) {
            case "revoked" -> revoked;
            case "expiresInADay" -> expiresInADay;
            case "signOnly" -> signOnly;
            case "expiringSubkey" -> expiringSubkey;
            default -> "0000 0000 0000 0000 0000 0000 0000 0000 0000 0000";
        };
        String expected = message.replace("FILE", file.toString())
            .replace("REVOKED", revoked)
            .replace("EXPIRINGSUBKEY", expiringSubkey)
            .replace("EXPIRES", expiresInADay)
            .replace("SIGNONLY", signOnly)
            .replace("COURIERA", courierA);

        Throwable error = catchThrowable(() -> CourierKey.load(file, fingerprint, clock));

        assertThat(error).isInstanceOf(RecipientKeyException.class)
            .hasMessageStartingWith(expected)
            .hasMessageNotContaining("\n");
        if (which.equals("unknown")) {
            assertThat(error.getMessage()).contains(courierA, revoked, expiresInADay, signOnly, expiringSubkey);
        }
    }

    @Test
    void refusesAFileHoldingASecretKey() throws Exception {
        makeGnuPgKeys();
        Path file = write(concat(gpg.exportPublic(courierB), gpg.exportSecret(courierA)));

        assertThatThrownBy(() -> CourierKey.load(file, courierB)).isInstanceOf(RecipientKeyException.class)
            .hasMessage("Courier key file " + file + " holds a secret key (" + courierA
                    + "); it must hold the courier's public keys only");
    }

    static Stream<Arguments> unreadable() {
        return Stream.of(Arguments.of("empty", ""), Arguments.of("not OpenPGP", "courier,key\n"), Arguments.of(
                "broken armour",
                "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nnot base64 at all!\n-----END PGP PUBLIC KEY BLOCK-----\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadable")
    void refusesFilesWithoutAKey(String name, String content) throws Exception {
        Path file = Files.writeString(this.dir.resolve("courier.asc"), content);

        assertThatThrownBy(() -> CourierKey.load(file, null)).isInstanceOf(RecipientKeyException.class)
            .hasMessageStartingWith("Courier key file " + file + " ")
            .hasMessageNotContaining("\n");
    }

    @Test
    void refusesAMissingFile() {
        Path file = this.dir.resolve("absent.asc");

        assertThatThrownBy(() -> CourierKey.load(file, null)).isInstanceOf(RecipientKeyException.class)
            .hasMessageStartingWith(
                    "Courier key file " + file + " cannot be read as an OpenPGP key: NoSuchFileException");
    }

    private Path write(byte[] armoured) throws Exception {
        return Files.write(this.dir.resolve("courier.asc"), armoured);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static String subkeyFingerprint(String primary) {
        String listing = new String(gpg.run("--with-colons", "--list-keys", primary).stdout());
        return listing.lines()
            .filter((line) -> line.startsWith("fpr:"))
            .map((line) -> line.split(":")[9])
            .filter((fingerprint) -> !fingerprint.equals(primary))
            .reduce((first, last) -> last)
            .orElseThrow();
    }

    private static Clock now() {
        return Clock.systemUTC();
    }

    private static Clock inTwoDays() {
        return Clock.fixed(Instant.now().plus(Duration.ofDays(2)), ZoneOffset.UTC);
    }

}
