package com.example.cards.crypto;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class KeyRingTests {

    private static final char[] PASSWORD = "test-only-password".toCharArray();

    @TempDir
    Path dir;

    @Test
    void createsDevelopmentKeystoreAndReopensItWithTheSameKeys() throws Exception {
        Path file = dir.resolve("nested/keys/dev.p12");
        Logger logger = (Logger) LoggerFactory.getLogger(KeyRing.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        KeyRing created;
        KeyRing reopened;
        try {
            created = KeyRing.open(file, PASSWORD, true, null);
            reopened = KeyRing.open(file, PASSWORD, false, null);
        }
        finally {
            logger.detachAppender(logs);
        }

        assertThat(file).exists();
        assertThat(created.activeDataKeyId()).matches("[0-9a-f]{32}");
        assertThat(reopened.activeDataKeyId()).isEqualTo(created.activeDataKeyId());
        String id = created.activeDataKeyId();
        assertThat(reopened.dataKey(id).getEncoded()).hasSize(32).isEqualTo(created.dataKey(id).getEncoded());
        assertThat(reopened.hashKey()).hasSize(32).isEqualTo(created.hashKey());
        assertThat(reopened.panPermutationKey()).hasSize(32).isEqualTo(created.panPermutationKey());
        assertThat(reopened.cvk("default")).isEqualTo(created.cvk("default"));
        assertThat(reopened.cvk("default").keyA()).hasSize(8);
        assertThat(created.hashKey()).isNotEqualTo(created.panPermutationKey());

        List<ILoggingEvent> warnings = logs.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).getFormattedMessage()).contains("DEVELOPMENT keystore",
                file.toAbsolutePath().toString(), "production", "unreadable");
    }

    @Test
    void developmentKeystoreIsOwnerOnly() throws Exception {
        Path file = dir.resolve("dev.p12");
        KeyRing.open(file, PASSWORD, true, null);
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file); // no temporary file left behind
        }
    }

    @Test
    void storedEntriesAreSecretKeysThatLoadBackByteIdentical() throws Exception {
        Path file = dir.resolve("dev.p12");
        KeyRing ring = KeyRing.open(file, PASSWORD, true, null);

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        assertThat(Collections.list(store.aliases())).containsExactlyInAnyOrder("data." + ring.activeDataKeyId(),
                "hash", "pan-ff1", "cvk.default");
        KeyStore.PasswordProtection protection = new KeyStore.PasswordProtection(PASSWORD);
        byte[] cvk = ((KeyStore.SecretKeyEntry) store.getEntry("cvk.default", protection)).getSecretKey().getEncoded();
        byte[] hash = ((KeyStore.SecretKeyEntry) store.getEntry("hash", protection)).getSecretKey().getEncoded();
        assertThat(cvk).hasSize(16);
        assertThat(ring.cvk("default").keyA()).isEqualTo(Arrays.copyOfRange(cvk, 0, 8));
        assertThat(ring.cvk("default").keyB()).isEqualTo(Arrays.copyOfRange(cvk, 8, 16));
        assertThat(ring.hashKey()).isEqualTo(hash);
    }

    @Test
    void wrongPasswordIsReportedClearly() {
        Path file = dir.resolve("dev.p12");
        KeyRing.open(file, PASSWORD, true, null);

        assertThatThrownBy(() -> KeyRing.open(file, "not-the-password".toCharArray(), false, null))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining(file.toString())
            .hasMessageContaining("password is wrong");
    }

    @Test
    void corruptFileIsReportedClearly() throws Exception {
        Path file = dir.resolve("corrupt.p12");
        Files.writeString(file, "this is not a keystore");

        assertThatThrownBy(() -> KeyRing.open(file, PASSWORD, true, null)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining(file.toString())
            .hasMessageContaining("not a readable PKCS12 keystore");
        assertThat(Files.readString(file)).isEqualTo("this is not a keystore"); // never
                                                                                // overwritten
    }

    @Test
    void missingFileWithoutCreateNamesPathAndProperty() {
        Path file = dir.resolve("absent.p12");

        assertThatThrownBy(() -> KeyRing.open(file, PASSWORD, false, null)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining(file.toString())
            .hasMessageContaining("issuance.crypto.keystore-path");
        assertThat(file).doesNotExist();
    }

    @Test
    void emptyPasswordIsRejected() {
        assertThatThrownBy(() -> KeyRing.open(dir.resolve("k.p12"), new char[0], true, null))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("password");
    }

    @Test
    void rotationAddsANewestDataKeyAndKeepsTheOldOne() throws Exception {
        Path file = dir.resolve("dev.p12");
        KeyRing before = KeyRing.open(file, PASSWORD, true, null);
        String oldId = before.activeDataKeyId();
        Sealed sealedUnderOld = new FieldCipher(before).seal("홍길동");
        // creation dates have millisecond resolution: the rotated key must be the newest
        long created = System.currentTimeMillis();
        await().pollInterval(Duration.ofMillis(1)).until(() -> System.currentTimeMillis() > created);

        String newId = KeyRing.addDataKey(file, PASSWORD);

        KeyRing after = KeyRing.open(file, PASSWORD, false, null);
        assertThat(newId).matches("[0-9a-f]{32}").isNotEqualTo(oldId);
        assertThat(after.activeDataKeyId()).isEqualTo(newId);
        assertThat(after.dataKey(oldId).getEncoded()).isEqualTo(before.dataKey(oldId).getEncoded());
        assertThat(after.hashKey()).isEqualTo(before.hashKey());

        FieldCipher cipher = new FieldCipher(after);
        assertThat(cipher.open(sealedUnderOld)).isEqualTo("홍길동");
        assertThat(cipher.seal("x").keyId()).isEqualTo(newId);
    }

    @Test
    void configuredActiveKeyWinsOverNewest() {
        Path file = dir.resolve("dev.p12");
        String oldId = KeyRing.open(file, PASSWORD, true, null).activeDataKeyId();
        KeyRing.addDataKey(file, PASSWORD);

        KeyRing ring = KeyRing.open(file, PASSWORD, false, oldId);

        assertThat(ring.activeDataKeyId()).isEqualTo(oldId);
        assertThat(new FieldCipher(ring).seal("x").keyId()).isEqualTo(oldId);
    }

    @Test
    void unknownConfiguredActiveKeyIsRejected() {
        Path file = dir.resolve("dev.p12");
        KeyRing.open(file, PASSWORD, true, null);
        String unknown = "0123456789abcdef0123456789abcdef";

        assertThatThrownBy(() -> KeyRing.open(file, PASSWORD, false, unknown)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining(unknown)
            .hasMessageContaining(file.toString());
    }

    @Test
    void unknownKeysAreReportedWithTheirAlias() {
        KeyRing ring = KeyRing.open(dir.resolve("dev.p12"), PASSWORD, true, null);

        assertThatThrownBy(() -> ring.cvk("scheme-x")).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("cvk.scheme-x");
        assertThatThrownBy(() -> ring.dataKey("ffffffffffffffffffffffffffffffff"))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("data.ffffffffffffffffffffffffffffffff");
    }

    @Test
    void returnedKeyBytesAreCopies() {
        KeyRing ring = KeyRing.open(dir.resolve("dev.p12"), PASSWORD, true, null);
        byte[] hash = ring.hashKey();
        Arrays.fill(hash, (byte) 0);

        assertThat(ring.hashKey()).isNotEqualTo(hash);
    }

}
