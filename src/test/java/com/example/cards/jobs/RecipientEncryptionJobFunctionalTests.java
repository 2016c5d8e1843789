package com.example.cards.jobs;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.example.cards.crypto.CvkPair;
import com.example.cards.crypto.FieldCipher;
import com.example.cards.crypto.GnuPg;
import com.example.cards.crypto.KeyRing;
import com.example.cards.crypto.Sealed;
import com.example.cards.export.ClaimScope;
import com.example.cards.export.DeliveryManifestWriter;
import com.example.cards.issue.CvcCalculator;
import com.example.cards.issue.Luhn;
import com.example.cards.run.JobNames;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.opencsv.CSVReader;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.bouncycastle.openpgp.api.OpenPGPKeyReader;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jwe.ContentEncryptionAlgorithmIdentifiers;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwe.KeyManagementAlgorithmIdentifiers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The receiving sides read what a run sends them, with code that is not ours: the service
 * provider's card-data file is decrypted with jose4j and every record checked against the
 * stored cards, the result file and the CVC algorithm; the courier's manifest is
 * decrypted with GnuPG and with Bouncy Castle and compared with the plain manifest of the
 * same rows. Every refused key ends the launch with exit 2 before anything is staged.
 */
class RecipientEncryptionJobFunctionalTests extends JobFunctionalTestSupport {

    private static final Path SAMPLE = Path.of("sample-input/requests.csv");

    private static final String KID_OLD = "0ld0ld0ld0ld0ld0ld0ld0ld0ld0ld01";

    private static final String KID_NEW = "nEwnEwnEwnEwnEwnEwnEwnEwnEwnEw02";

    private static final RSAKey PROVIDER_OLD = rsa(2048, KID_OLD);

    private static final RSAKey PROVIDER_NEW = rsa(2048, KID_NEW);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static GnuPg gpg;

    private static String courierA;

    private static String courierB;

    @Autowired
    ApplicationContext context;

    @Autowired
    FieldCipher cipher;

    @Autowired
    KeyRing keys;

    @TempDir
    Path dir;

    @AfterAll
    static void stopGnuPg() throws Exception {
        if (gpg != null) {
            gpg.close();
        }
    }

    private static synchronized void makeGnuPgKeys() throws Exception {
        if (gpg != null) {
            return;
        }
        gpg = GnuPg.inTemporaryHome();
        courierA = gpg.generateKey("Courier A <a@courier.test>", "future-default", "default", "never");
        courierB = gpg.generateKey("Courier B <b@courier.test>", "rsa2048", "cert,sign", "never");
        gpg.addSubkey(courierB, "rsa2048", "encr", "never");
    }

    @Test
    void theProviderDecryptsEveryIssuedCardWithJose4jAndFindsItsNumbersExpiryAndCvc() throws Exception {
        Path out = this.dir.resolve("out");
        Path jwks = jwks(PROVIDER_OLD.toPublicJWK(), PROVIDER_NEW.toPublicJWK());
        int code = launch("card-data", out, "cardDataJwks=" + jwks, "cardDataKeyId=" + KID_NEW);
        assertThat(code).isZero();

        Path file = out.resolve("card-data-card-data.jsonl");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<String, String[]> results = results(out.resolve("card-data-results.csv"));
        List<Map<String, Object>> issued = this.jdbc.queryForList("SELECT r.line_no, r.request_id, a.card_apply_no "
                + "FROM issuance_request r JOIN card_application a ON a.request_pk = r.id "
                + "WHERE r.batch_id = 'card-data' ORDER BY r.line_no");
        assertThat(issued).hasSizeGreaterThan(3);
        assertThat(lines).hasSameSizeAs(issued);

        List<String> pans = new ArrayList<>();
        int mobiles = 0;
        for (int i = 0; i < lines.size(); i++) {
            Map<String, Object> record = JsonUtil.parseJson(lines.get(i));
            assertThat(record).containsOnlyKeys("lineNo", "requestId", "cardApplyNo", "keyId", "encData");
            assertThat(((Number) record.get("lineNo")).longValue())
                .isEqualTo(((Number) issued.get(i).get("LINE_NO")).longValue());
            assertThat(record.get("requestId")).isEqualTo(issued.get(i).get("REQUEST_ID"));
            assertThat(record.get("keyId")).isEqualTo(KID_NEW);

            JsonWebEncryption jwe = providerSide((String) record.get("encData"), PROVIDER_NEW.toPrivateKey());
            assertThat(jwe.getHeader("alg")).isEqualTo("RSA-OAEP-256");
            assertThat(jwe.getHeader("enc")).isEqualTo("A256GCM");
            assertThat(jwe.getKeyIdHeaderValue()).isEqualTo(KID_NEW);
            Map<String, Object> body = JsonUtil.parseJson(jwe.getPlaintextString());
            String applyNo = (String) record.get("cardApplyNo");
            assertThat(body.get("cardApplyNo")).isEqualTo(applyNo).isEqualTo(issued.get(i).get("CARD_APPLY_NO"));

            String[] result = results.get(String.valueOf(record.get("lineNo")));
            String physical = (String) body.get("physicalCardNo");
            assertThat(Luhn.isValid(physical)).as("Luhn of the physical card").isTrue();
            assertThat(physical).startsWith(bin(applyNo, "PHYSICAL"));
            assertThat(mask(physical)).isEqualTo(result[8]);
            assertThat(body.get("expiryDate")).isEqualTo(result[10]).asString().hasSize(8);
            pans.add(physical);
            if (body.containsKey("mobileCardNo")) {
                mobiles++;
                assertThat(body.keySet()).containsExactly("cardApplyNo", "physicalCardNo", "expiryDate", "mobileCardNo",
                        "mobileCardCVC");
                String mobile = (String) body.get("mobileCardNo");
                assertThat(Luhn.isValid(mobile)).as("Luhn of the mobile card").isTrue();
                assertThat(mobile).startsWith(bin(applyNo, "MOBILE"));
                assertThat(mask(mobile)).isEqualTo(result[9]);
                CvkPair cvk = this.keys.cvk(cvkAlias(applyNo));
                String yymm = ((String) body.get("expiryDate")).substring(2, 6);
                assertThat(body.get("mobileCardCVC"))
                    .isEqualTo(new CvcCalculator(cvk.keyA(), cvk.keyB()).cvv(mobile, yymm, "000"));
                pans.add(mobile);
            }
            else {
                assertThat(body.keySet()).containsExactly("cardApplyNo", "physicalCardNo", "expiryDate");
                assertThat(result[9]).isEmpty();
            }
        }
        assertThat(mobiles).as("the sample issues mobile cards").isPositive();
        assertThat(pans).containsExactlyInAnyOrderElementsOf(storedPans("card-data"));

        // The summary lists the file, its digest, its count and its key.
        JsonNode summary = JSON.readTree(out.resolve("card-data-summary.json").toFile());
        JsonNode entry = file(summary, "card-data");
        assertThat(entry.get("sha256").asString()).isEqualTo(sha256(file));
        assertThat(entry.get("records").asLong()).isEqualTo(lines.size());
        assertThat(entry.get("recipientKey").asString()).isEqualTo("kid " + KID_NEW);
        assertThat(summary.get("cardData").asString()).contains("card-data-card-data.jsonl");

        // No other output holds a full card number.
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                for (String pan : pans) {
                    assertThat(text).as("card number in " + f.getFileName()).doesNotContain(pan);
                }
            }
        }
    }

    @Test
    void withoutAKeySetNoCardDataFileIsWrittenAndTheSummarySaysSo() throws Exception {
        Path out = this.dir.resolve("out");
        assertThat(launch("no-card-data", out)).isZero();
        assertThat(out.resolve("no-card-data-card-data.jsonl")).doesNotExist();
        JsonNode summary = JSON.readTree(out.resolve("no-card-data-summary.json").toFile());
        assertThat(summary.get("cardData").asString()).startsWith("none: no card-data key set is configured");
        assertThat(summary.get("files").valueStream().map((f) -> f.get("kind").asString())).doesNotContain("card-data");
        assertThat(out.resolve("no-card-data-manifest.csv")).exists();
    }

    @Test
    void aRestartedExportWritesTheSamePlaintextsUnderFreshCiphertexts() throws Exception {
        Path out = this.dir.resolve("out");
        Files.createDirectories(out);
        // The summary cannot be moved into place over a non-empty directory: the export
        // fails after it wrote the card-data file.
        Path blocker = Files.createDirectories(out.resolve("restarted-summary.json"));
        Files.writeString(blocker.resolve("x"), "x");
        Path jwks = jwks(PROVIDER_NEW.toPublicJWK());
        assertThat(launch("restarted", out, "cardDataJwks=" + jwks)).isEqualTo(1);
        List<String> first = Files.readAllLines(out.resolve("restarted-card-data.jsonl"));
        assertThat(first).isNotEmpty();

        Files.delete(blocker.resolve("x"));
        Files.delete(blocker);
        assertThat(launch("restarted", out, "cardDataJwks=" + jwks)).isZero();
        List<String> second = Files.readAllLines(out.resolve("restarted-card-data.jsonl"));
        assertThat(second).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            String a = (String) JsonUtil.parseJson(first.get(i)).get("encData");
            String b = (String) JsonUtil.parseJson(second.get(i)).get("encData");
            assertThat(b).isNotEqualTo(a);
            assertThat(providerSide(b, PROVIDER_NEW.toPrivateKey()).getPlaintextString())
                .isEqualTo(providerSide(a, PROVIDER_NEW.toPrivateKey()).getPlaintextString());
        }
    }

    @Test
    void aRerunWritesItsOwnDeltaCardDataFile() throws Exception {
        Path out = this.dir.resolve("out");
        Path jwks = jwks(PROVIDER_NEW.toPublicJWK());
        // Member 1002 has no mobile wallet: REQ-0007 (a mobile card) is rejected 003_064,
        // and issued by a rerun once the wallet is active.
        this.jdbc.update("UPDATE wallet_member SET mobile_wallet = 'N' WHERE user_id = 1002");
        int code;
        try {
            assertThat(launch("rerun-card-data", out, "cardDataJwks=" + jwks)).isZero();
            this.jdbc.update("UPDATE wallet_member SET mobile_wallet = 'Y' WHERE user_id = 1002");
            code = new Launcher(this.context).launch(JobNames.RERUN_FAILED, "batchId=rerun-card-data",
                    "runDate=" + JobFixture.RUN_DATE, "codes=003_064", "outputDir=" + out, "cardDataJwks=" + jwks);
        }
        finally {
            this.jdbc.update("UPDATE wallet_member SET mobile_wallet = 'N' WHERE user_id = 1002");
        }
        assertThat(code).isZero();
        Path delta = out.resolve("rerun-card-data-rerun-001-card-data.jsonl");
        List<String> lines = Files.readAllLines(delta);
        long reissued = this.jdbc.queryForObject("SELECT COUNT(*) FROM " + JobFixture.REQUESTS
                + " q WHERE batch_id = 'rerun-card-data' AND rerun_no = 1 AND status = 'ISSUED'", Long.class);
        assertThat(reissued).isPositive();
        assertThat(lines).hasSize((int) reissued);
        JsonNode summary = JSON.readTree(out.resolve("rerun-card-data-rerun-001-summary.json").toFile());
        assertThat(file(summary, "card-data").get("records").asLong()).isEqualTo(reissued);
    }

    @Test
    void aPreviewWritesNoCardData() throws Exception {
        Path out = this.dir.resolve("out");
        int code = new Launcher(this.context).launch(JobNames.PREVIEW_CARDS, "batchId=preview-card-data",
                "runDate=" + JobFixture.RUN_DATE, "inputFile=" + SAMPLE.toAbsolutePath(), "encoding=UTF-8",
                "outputDir=" + out, "cardDataJwks=" + jwks(PROVIDER_NEW.toPublicJWK()));
        assertThat(code).isZero();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map((f) -> f.getFileName().toString())).noneMatch((n) -> n.contains("card-data.jsonl"));
        }
    }

    static Stream<Arguments> refusedKeySets() {
        RSAKey small = rsa(1024, "sm4llsm4llsm4llsm4llsm4llsm4ll03");
        return Stream.of(Arguments.of("unknown kid", List.of(PROVIDER_NEW.toPublicJWK()), "x".repeat(32), "no key"),
                Arguments.of("RSA shorter than 2048 bits", List.of(small.toPublicJWK()), null, "1024 bits"),
                Arguments.of("use sig",
                        List.of(new RSAKey.Builder(PROVIDER_NEW.toPublicJWK()).keyUse(KeyUse.SIGNATURE).build()), null,
                        "\"use\":\"sig\""),
                Arguments.of("private key", List.of(PROVIDER_NEW), null, "private"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedKeySets")
    void aRefusedKeySetEndsTheLaunchWithExit2BeforeAnythingIsStaged(String name, List<JWK> keys, String kid,
            String message) throws Exception {
        Path jwks = jwks(keys.toArray(JWK[]::new));
        List<String> arguments = new ArrayList<>(List.of("cardDataJwks=" + jwks));
        if (kid != null) {
            arguments.add("cardDataKeyId=" + kid);
        }
        assertRefused("refused-jwks", message, arguments.toArray(String[]::new));
    }

    @Test
    void anUnreadableKeySetEndsTheLaunchWithExit2() throws Exception {
        assertRefused("refused-missing", "cannot be read", "cardDataJwks=" + this.dir.resolve("missing.json"));
    }

    @Test
    void theCourierDecryptsTheManifestWithGnuPgAndBouncyCastleAndFindsThePlainManifest() throws Exception {
        makeGnuPgKeys();
        Path keyring = Files.write(this.dir.resolve("couriers.asc"), gpg.exportPublic(courierA, courierB));
        Path out = this.dir.resolve("out");
        // Rotation: the second courier key of the file, chosen by fingerprint.
        int code = launch("courier", out, "manifestPgpKey=" + keyring, "manifestPgpFingerprint=" + courierB);
        assertThat(code).isZero();
        Path encrypted = out.resolve("courier-manifest.csv.pgp");
        assertThat(encrypted).exists();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map((f) -> f.getFileName().toString())).doesNotContain("courier-manifest.csv")
                .noneMatch((n) -> n.endsWith(".part"));
        }

        // What an unencrypted run writes for the same rows.
        Path plain = this.dir.resolve("plain").resolve("courier-manifest.csv");
        new DeliveryManifestWriter(this.jdbc, false).write(ClaimScope.whole("courier"), JobFixture.RUN_DATE, 1, plain,
                StandardCharsets.UTF_8, false);
        List<String> expected = Files.readAllLines(plain, StandardCharsets.UTF_8);
        assertThat(expected).hasSizeGreaterThan(3);

        GnuPg.Result decrypted = gpg.decrypt(encrypted);
        assertThat(decrypted.hasStatus("DECRYPTION_OKAY")).isTrue();
        assertThat(decrypted.stderr()).contains(subkeyId(courierB)).doesNotContain("WARNING");
        assertThat(new String(decrypted.stdout(), StandardCharsets.UTF_8).lines().toList())
            .containsExactlyElementsOf(expected);

        OpenPGPKey secret = new OpenPGPKeyReader().parseKey(gpg.exportSecret(courierB));
        assertThat(new String(decryptWithBouncyCastle(Files.readAllBytes(encrypted), secret), StandardCharsets.UTF_8)
            .lines()
            .toList()).containsExactlyElementsOf(expected);

        JsonNode summary = JSON.readTree(out.resolve("courier-summary.json").toFile());
        JsonNode entry = file(summary, "manifest");
        assertThat(entry.get("path").asString()).endsWith("courier-manifest.csv.pgp");
        assertThat(entry.get("sha256").asString()).isEqualTo(sha256(encrypted));
        assertThat(entry.get("records").asLong()).isEqualTo(expected.size() - 2);
        assertThat(entry.get("recipientKey").asString()).isEqualTo("OpenPGP " + courierB);
    }

    @Test
    void theFirstCourierKeyIsUsedWhenNoneIsNamed() throws Exception {
        makeGnuPgKeys();
        Path keyring = Files.write(this.dir.resolve("couriers.asc"), gpg.exportPublic(courierA, courierB));
        Path out = this.dir.resolve("out");
        assertThat(launch("courier-first", out, "manifestPgpKey=" + keyring)).isZero();
        JsonNode summary = JSON.readTree(out.resolve("courier-first-summary.json").toFile());
        String first = file(summary, "manifest").get("recipientKey").asString();
        assertThat(first).isIn("OpenPGP " + courierA, "OpenPGP " + courierB);
        assertThat(gpg.decrypt(out.resolve("courier-first-manifest.csv.pgp")).hasStatus("DECRYPTION_OKAY")).isTrue();
    }

    @Test
    void expiredRevokedAndSignOnlyCourierKeysEndTheLaunchWithExit2() throws Exception {
        makeGnuPgKeys();
        String signOnly = gpg.generateKey("Sign only <s@courier.test>", "ed25519", "sign", "never");
        String revoked = gpg.generateKey("Revoked <r@courier.test>", "future-default", "default", "never");
        gpg.revoke(revoked);
        gpg.run("--faked-system-time", "20200101T000000", "--passphrase", "", "--pinentry-mode", "loopback",
                "--quick-gen-key", "Expired <x@courier.test>", "future-default", "default", "1d");
        String expired = gpg.fingerprint("Expired <x@courier.test>");
        Map<String, String> refusals = Map.of(signOnly, "sign-only", revoked, "revoked", expired, "expired");
        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            Path key = Files.write(this.dir.resolve(refusal.getValue() + ".asc"), gpg.exportPublic(refusal.getKey()));
            assertRefused("refused-courier", refusal.getValue(), "manifestPgpKey=" + key);
        }
        assertRefused("refused-courier", "no key with fingerprint",
                "manifestPgpKey=" + Files.write(this.dir.resolve("a.asc"), gpg.exportPublic(courierA)),
                "manifestPgpFingerprint=" + courierB);
    }

    private void assertRefused(String batchId, String message, String... keyArguments) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        int code;
        try {
            System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
            code = launch(batchId, this.dir.resolve("refused"), keyArguments);
        }
        finally {
            System.setErr(original);
        }
        assertThat(code).isEqualTo(2);
        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains(message).contains("nothing was staged or issued");
        assertThat(printed.strip().lines()).hasSize(1);
        assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM issuance_request WHERE batch_id = ?", Long.class,
                batchId))
            .isZero();
        assertThat(
                this.jdbc.queryForObject("SELECT COUNT(*) FROM issuance_batch WHERE batch_id = ?", Long.class, batchId))
            .isZero();
        assertThat(this.dir.resolve("refused")).doesNotExist();
    }

    private int launch(String batchId, Path out, String... more) {
        fixture(out);
        List<String> arguments = new ArrayList<>(List.of("batchId=" + batchId, "runDate=" + JobFixture.RUN_DATE,
                "inputFile=" + SAMPLE.toAbsolutePath(), "encoding=UTF-8", "outputDir=" + out));
        arguments.addAll(List.of(more));
        return new Launcher(this.context).launch(JobNames.ISSUE_CARDS, arguments.toArray(String[]::new));
    }

    private Path jwks(JWK... keys) throws Exception {
        Path file = Files.createTempFile(this.dir, "provider", ".jwks.json");
        // The JSON as written: toString(false) would drop a private key's private parts.
        Files.writeString(file, JSONObjectOf(keys));
        return file;
    }

    private static String JSONObjectOf(JWK... keys) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (JWK key : keys) {
            list.add(key.toJSONObject());
        }
        return JsonUtil.toJson(Map.of("keys", list));
    }

    private Map<String, String[]> results(Path file) throws Exception {
        Map<String, String[]> byLine = new HashMap<>();
        try (CSVReader csv = new CSVReader(new StringReader(Files.readString(file, StandardCharsets.UTF_8)))) {
            for (String[] row : csv.readAll()) {
                byLine.put(row[0], row);
            }
        }
        return byLine;
    }

    private String bin(String applyNo, String role) {
        return this.jdbc.queryForObject("SELECT p.bin FROM card c JOIN card_product p ON p.service_id = c.service_id "
                + "WHERE c.card_apply_no = ? AND c.card_role = ?", String.class, applyNo, role);
    }

    private String cvkAlias(String applyNo) {
        return this.jdbc.queryForObject(
                "SELECT p.cvk_alias FROM card c JOIN card_product p "
                        + "ON p.service_id = c.service_id WHERE c.card_apply_no = ? AND c.card_role = 'MOBILE'",
                String.class, applyNo);
    }

    private List<String> storedPans(String batchId) {
        return this.jdbc.query(
                "SELECT c.pan_key_id, c.pan_enc FROM card c JOIN card_application a "
                        + "ON a.card_apply_no = c.card_apply_no WHERE a.batch_id = ?",
                (rs, i) -> this.cipher.open(new Sealed(rs.getString(1).strip(), rs.getString(2))), batchId);
    }

    private static String mask(String pan) {
        return com.example.cards.crypto.Masking.pan(pan);
    }

    private static JsonNode file(JsonNode summary, String kind) {
        return summary.get("files")
            .valueStream()
            .filter((f) -> kind.equals(f.get("kind").asString()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no " + kind + " in " + summary));
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of()
            .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static String subkeyId(String primary) {
        String listing = new String(gpg.run("--with-colons", "--list-keys", primary).stdout(), StandardCharsets.UTF_8);
        String fpr = listing.lines()
            .dropWhile((line) -> !line.startsWith("sub:"))
            .filter((line) -> line.startsWith("fpr:"))
            .map((line) -> line.split(":")[9])
            .findFirst()
            .orElseThrow();
        return fpr.substring(fpr.length() - 16);
    }

    private static JsonWebEncryption providerSide(String compact, PrivateKey privateKey) throws Exception {
        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setAlgorithmConstraints(
                new AlgorithmConstraints(ConstraintType.PERMIT, KeyManagementAlgorithmIdentifiers.RSA_OAEP_256));
        jwe.setContentEncryptionAlgorithmConstraints(
                new AlgorithmConstraints(ConstraintType.PERMIT, ContentEncryptionAlgorithmIdentifiers.AES_256_GCM));
        jwe.setCompactSerialization(compact);
        jwe.setKey(privateKey);
        return jwe;
    }

    private static byte[] decryptWithBouncyCastle(byte[] message, OpenPGPKey key) throws Exception {
        PGPEncryptedDataList list = (PGPEncryptedDataList) new BcPGPObjectFactory(message).nextObject();
        PGPPublicKeyEncryptedData data = (PGPPublicKeyEncryptedData) list.get(0);
        PGPPrivateKey privateKey = key.getPGPSecretKeyRing()
            .getSecretKey(data.getKeyIdentifier())
            .extractPrivateKey(null);
        BcPublicKeyDataDecryptorFactory decryptor = new BcPublicKeyDataDecryptorFactory(privateKey);
        assertThat(data.getSymmetricAlgorithm(decryptor))
            .isEqualTo(org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags.AES_256);
        byte[] plaintext;
        try (InputStream clear = data.getDataStream(decryptor)) {
            PGPLiteralData literal = (PGPLiteralData) new BcPGPObjectFactory(clear).nextObject();
            plaintext = literal.getDataStream().readAllBytes();
        }
        assertThat(data.isIntegrityProtected()).isTrue();
        assertThat(data.verify()).isTrue();
        return plaintext;
    }

    private static RSAKey rsa(int bits, String kid) {
        try {
            return new RSAKeyGenerator(bits, bits < 2048).keyID(kid).generate();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

}
