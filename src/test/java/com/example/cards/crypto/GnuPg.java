package com.example.cards.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * GnuPG, the courier's side, run in a throwaway home directory so that the tests never
 * touch a user's keys. Keys are generated without a passphrase for the test only. On CI
 * (environment variable {@code CI=true}) gpg must be installed and a missing gpg fails
 * the test; elsewhere it is skipped with a one-line reason.
 */
public final class GnuPg implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 120;

    private final Path home;

    private GnuPg(Path home) {
        this.home = home;
    }

    /**
     * A GnuPG with its own new home directory; checks first that gpg can run.
     */
    public static GnuPg inTemporaryHome() throws IOException {
        requireInstalled();
        // gpg-agent's socket path must stay short (Unix sockets allow about 100 bytes),
        // so the home sits directly under the temporary directory.
        Path home = Files.createTempDirectory("gpg",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return new GnuPg(home);
    }

    private static void requireInstalled() {
        boolean installed;
        try {
            Process process = new ProcessBuilder("gpg", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            installed = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) && process.exitValue() == 0;
        }
        catch (IOException ex) {
            installed = false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            installed = false;
        }
        if (!installed && "true".equals(System.getenv("CI"))) {
            fail("gpg (GnuPG) is not installed, and CI=true requires it: the courier's decryption must be proven");
        }
        assumeTrue(installed, "gpg (GnuPG) is not installed; the test that decrypts with it is skipped outside CI");
    }

    /** Generates a key without passphrase; returns its fingerprint. */
    public String generateKey(String userId, String algorithm, String usage, String expire) {
        run("--passphrase", "", "--pinentry-mode", "loopback", "--quick-gen-key", userId, algorithm, usage, expire);
        return fingerprint(userId);
    }

    /** Adds a subkey to a key without passphrase. */
    public void addSubkey(String fingerprint, String algorithm, String usage, String expire) {
        run("--passphrase", "", "--pinentry-mode", "loopback", "--quick-add-key", fingerprint, algorithm, usage,
                expire);
    }

    /**
     * Revokes a key by importing the revocation certificate gpg stored when it made the
     * key.
     */
    public void revoke(String fingerprint) throws IOException {
        Path stored = this.home.resolve("openpgp-revocs.d").resolve(fingerprint + ".rev");
        // gpg prefixes the armour line with ':' so that the certificate is not imported
        // by
        // mistake; removing it is the documented way to use it.
        String certificate = Files.readString(stored)
            .replace(":-----BEGIN PGP PUBLIC KEY BLOCK-----", "-----BEGIN PGP PUBLIC KEY BLOCK-----");
        Path file = Files.writeString(this.home.resolve(fingerprint + ".rev.asc"), certificate);
        run("--import", file.toString());
    }

    public String fingerprint(String userId) {
        String listing = new String(run("--with-colons", "--list-keys", "=" + userId).stdout, StandardCharsets.UTF_8);
        return listing.lines()
            .filter((line) -> line.startsWith("fpr:"))
            .map((line) -> line.split(":")[9])
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("gpg lists no key for " + userId + ": " + listing));
    }

    /**
     * The public keys, ASCII-armoured, in one block (in keyring order, whatever the order
     * given).
     */
    public byte[] exportPublic(String... fingerprints) {
        List<String> args = new ArrayList<>(List.of("--armor", "--export"));
        args.addAll(Arrays.asList(fingerprints));
        return run(args.toArray(String[]::new)).stdout;
    }

    public byte[] exportSecret(String fingerprint) {
        return run("--passphrase", "", "--pinentry-mode", "loopback", "--armor", "--export-secret-keys",
                fingerprint).stdout;
    }

    /** Decrypts a message with the keys of this home. */
    public Result decrypt(Path message) {
        return run("--status-fd", "2", "--decrypt", message.toString());
    }

    public Result run(String... args) {
        List<String> command = new ArrayList<>(
                List.of("gpg", "--batch", "--no-tty", "--homedir", this.home.toString()));
        command.addAll(Arrays.asList(args));
        try {
            Path stderr = Files.createTempFile(this.home, "stderr", ".txt");
            Process process = new ProcessBuilder(command).redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
            byte[] stdout = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("gpg did not finish within " + TIMEOUT_SECONDS + " s: " + command);
            }
            String errors = Files.readString(stderr);
            assertThat(process.exitValue()).as("exit code of %s; stderr:%n%s", command, errors).isZero();
            return new Result(stdout, errors);
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot run " + command, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted running " + command, ex);
        }
    }

    /** Stops the gpg-agent this home started and removes the home. */
    @Override
    public void close() throws IOException {
        try {
            Process process = new ProcessBuilder("gpgconf", "--homedir", this.home.toString(), "--kill", "all")
                .redirectErrorStream(true)
                .start();
            process.getInputStream().readAllBytes();
            process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        try (var paths = Files.walk(this.home)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
        }
    }

    public record Result(byte[] stdout, String stderr) {

        public boolean hasStatus(String status) {
            return this.stderr.lines().anyMatch((line) -> line.startsWith("[GNUPG:] " + status));
        }

    }

}
