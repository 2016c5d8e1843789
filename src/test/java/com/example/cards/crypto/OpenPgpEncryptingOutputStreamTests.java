package com.example.cards.crypto;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.opencsv.CSVWriter;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.bouncycastle.openpgp.api.bc.BcOpenPGPApi;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The courier reads what we send: messages are decrypted with GnuPG, the courier's tool,
 * and with Bouncy Castle's own reader, and compared byte for byte with the plaintext.
 */
class OpenPgpEncryptingOutputStreamTests {

    private static final String FILE_NAME = "B001-manifest.csv";

    private static final List<String[]> MANIFEST = List.of(
            new String[] { "lineNo", "requestId", "name", "phone", "address" },
            new String[] { "1", "R-0001", "김민준", "010-1234-5678", "서울특별시 중구 세종대로 110, 3층" },
            new String[] { "2", "R-0002", "O'Brien, \"Pat\"", "010-0000-0000", "Line one\nLine two" },
            new String[] { "3", "R-0003", "", "", "" });

    private static GnuPg gpg;

    private static String cv25519Key;

    private static String rsaKey;

    private static OpenPGPKey bcKey;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeBouncyCastleKey() throws Exception {
        bcKey = new BcOpenPGPApi().generateKey(PublicKeyPacket.VERSION_4)
            .ed25519x25519Key("Courier BC <bc@courier.test>")
            .build();
    }

    /**
     * Makes the GnuPG keys on first use, so that only the tests that need GnuPG depend on
     * it being installed.
     */
    private static synchronized void makeGnuPgKeys() throws Exception {
        if (gpg != null) {
            return;
        }
        gpg = GnuPg.inTemporaryHome();
        cv25519Key = gpg.generateKey("Courier <c@courier.test>", "future-default", "default", "never");
        rsaKey = gpg.generateKey("Courier RSA <rsa@courier.test>", "rsa2048", "cert,sign", "never");
        gpg.addSubkey(rsaKey, "rsa2048", "encr", "never");
    }

    @AfterAll
    static void stopGnuPg() throws Exception {
        if (gpg != null) {
            gpg.close();
        }
    }

    static Stream<Arguments> gnuPgKeys() {
        return Stream.of(Arguments.of("cv25519 (GnuPG's default)"), Arguments.of("RSA 2048"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gnuPgKeys")
    void gnuPgDecryptsTheManifestWrittenThroughACsvWriter(String which) throws Exception {
        makeGnuPgKeys();
        String fingerprint = which.startsWith("RSA") ? rsaKey : cv25519Key;
        CourierKey key = CourierKey.load(Files.write(this.dir.resolve("courier.asc"), gpg.exportPublic(fingerprint)),
                null);
        Path encrypted = this.dir.resolve(FILE_NAME + ".pgp");

        writeManifest(encrypted, key);

        GnuPg.Result decrypted = gpg.decrypt(encrypted);
        assertThat(decrypted.stdout()).isEqualTo(plainManifest());
        // AES-256 (9) with the modification detection code (2), the file name in a
        // binary (0x62) literal packet, and a good integrity check
        assertThat(decrypted.stderr()).contains("[GNUPG:] DECRYPTION_INFO 2 9", "[GNUPG:] PLAINTEXT 62 0 " + FILE_NAME,
                "[GNUPG:] DECRYPTION_OKAY", "[GNUPG:] END_DECRYPTION");
        assertThat(decrypted.stderr()).doesNotContain("WARNING", "DECRYPTION_FAILED");
        assertThat(key.encryptionKeyFingerprint()).isNotEqualTo(fingerprint);
        assertThat(decrypted.stderr()).containsIgnoringCase(key.encryptionKeyFingerprint().substring(24));
        assertThat(Files.list(this.dir).map((path) -> path.getFileName().toString()))
            .containsExactlyInAnyOrder("courier.asc", FILE_NAME + ".pgp");
    }

    @Test
    void bouncyCastleDecryptsTheManifestAndFindsItIntegrityProtectedUnderAes256() throws Exception {
        Path encrypted = this.dir.resolve(FILE_NAME + ".pgp");

        writeManifest(encrypted, bcCourierKey());

        Decrypted decrypted = decryptWithBouncyCastle(Files.readAllBytes(encrypted));
        assertThat(decrypted.plaintext()).isEqualTo(plainManifest());
        assertThat(decrypted.fileName()).isEqualTo(FILE_NAME);
        assertThat(decrypted.symmetricAlgorithm()).isEqualTo(SymmetricKeyAlgorithmTags.AES_256);
        assertThat(decrypted.integrityProtected()).isTrue();
        assertThat(decrypted.integrityVerified()).isTrue();
        byte[] ciphertext = Files.readAllBytes(encrypted);
        assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain("R-0001", FILE_NAME);
    }

    @Test
    void streamsALargeManifestInManyPacketsAndEncryptsAfreshEachTime() throws Exception {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        for (int line = 1; plain.size() < 3_000_000; line++) {
            plain.writeBytes(("%d,R-%07d,Name %d,010-%04d-%04d,Some street %d%n".formatted(line, line, line,
                    line % 10_000, line % 7_919, line))
                .getBytes(StandardCharsets.UTF_8));
        }
        byte[] expected = plain.toByteArray();

        byte[] first = encrypt(expected, 8191);
        byte[] second = encrypt(expected, 8191);

        assertThat(decryptWithBouncyCastle(first).plaintext()).isEqualTo(expected);
        assertThat(decryptWithBouncyCastle(second).plaintext()).isEqualTo(expected);
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void anEmptyManifestIsStillAMessage() throws Exception {
        Decrypted decrypted = decryptWithBouncyCastle(encrypt(new byte[0], 1));

        assertThat(decrypted.plaintext()).isEmpty();
        assertThat(decrypted.integrityVerified()).isTrue();
    }

    @Test
    void closingEndsTheMessageAndClosesTheTargetOnce() throws Exception {
        List<String> events = new ArrayList<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream target = new FilterOutputStream(bytes) {
            @Override
            public void close() throws IOException {
                events.add("closed");
                super.close();
            }
        };
        OpenPgpEncryptingOutputStream out = new OpenPgpEncryptingOutputStream(target, bcCourierKey(), FILE_NAME);
        out.write('x');
        out.flush();

        out.close();
        out.close();

        assertThat(events).containsExactly("closed");
        assertThat(decryptWithBouncyCastle(bytes.toByteArray()).plaintext()).containsExactly('x');
    }

    private byte[] encrypt(byte[] plaintext, int chunk) throws Exception {
        ByteArrayOutputStream ciphertext = new ByteArrayOutputStream();
        try (OutputStream out = new OpenPgpEncryptingOutputStream(ciphertext, bcCourierKey(), FILE_NAME)) {
            for (int offset = 0; offset < plaintext.length; offset += chunk) {
                out.write(plaintext, offset, Math.min(chunk, plaintext.length - offset));
            }
        }
        return ciphertext.toByteArray();
    }

    private CourierKey bcCourierKey() throws Exception {
        Path file = this.dir.resolve("courier-bc.asc");
        if (!Files.exists(file)) {
            Files.writeString(file, bcKey.toCertificate().toAsciiArmoredString());
        }
        return CourierKey.load(file, null);
    }

    private static void writeManifest(Path file, CourierKey key) throws IOException {
        try (Writer writer = new OutputStreamWriter(
                new OpenPgpEncryptingOutputStream(Files.newOutputStream(file), key, FILE_NAME), StandardCharsets.UTF_8);
                CSVWriter csv = new CSVWriter(writer)) {
            csv.writeAll(MANIFEST);
        }
    }

    private static byte[] plainManifest() throws IOException {
        StringWriter text = new StringWriter();
        try (CSVWriter csv = new CSVWriter(text)) {
            csv.writeAll(MANIFEST);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Decrypted decryptWithBouncyCastle(byte[] message) throws Exception {
        PGPEncryptedDataList list = (PGPEncryptedDataList) new BcPGPObjectFactory(message).nextObject();
        assertThat(list.size()).isOne();
        PGPPublicKeyEncryptedData data = (PGPPublicKeyEncryptedData) list.get(0);
        PGPPrivateKey privateKey = bcKey.getPGPSecretKeyRing()
            .getSecretKey(data.getKeyIdentifier())
            .extractPrivateKey(null);
        BcPublicKeyDataDecryptorFactory decryptor = new BcPublicKeyDataDecryptorFactory(privateKey);
        int algorithm = data.getSymmetricAlgorithm(decryptor);
        PGPLiteralData literal;
        byte[] plaintext;
        try (InputStream clear = data.getDataStream(decryptor)) {
            literal = (PGPLiteralData) new BcPGPObjectFactory(clear).nextObject();
            plaintext = literal.getDataStream().readAllBytes();
        }
        return new Decrypted(plaintext, literal.getFileName(), algorithm, data.isIntegrityProtected(),
                data.isIntegrityProtected() && data.verify());
    }

    private record Decrypted(byte[] plaintext, String fileName, int symmetricAlgorithm, boolean integrityProtected,
            boolean integrityVerified) {
    }

}
