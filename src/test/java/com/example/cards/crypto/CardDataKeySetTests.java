package com.example.cards.crypto;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CardDataKeySetTests {

    static final String KID_A = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

    static final String KID_B = "B1B2C3D4E5F60718293A4B5C6D7E8F9Z";

    private static final RSAKey RSA_A = rsa2048(KID_A);

    private static final RSAKey RSA_B = rsa2048(KID_B);

    @TempDir
    Path dir;

    static Stream<Arguments> accepted() throws Exception {
        return Stream.of(
                // keys in file order, kid asked for, kid chosen
                Arguments.of("first key without a kid", List.of(RSA_A.toPublicJWK(), RSA_B.toPublicJWK()), null, KID_A),
                Arguments.of("blank kid means the first", List.of(RSA_B.toPublicJWK(), RSA_A.toPublicJWK()), " ",
                        KID_B),
                Arguments.of("second key by kid", List.of(RSA_A.toPublicJWK(), RSA_B.toPublicJWK()), KID_B, KID_B),
                Arguments.of("use enc, alg RSA-OAEP-256, key_ops wrapKey",
                        List.of(new RSAKey.Builder(toPublic(RSA_A)).keyID(KID_A)
                            .keyUse(KeyUse.ENCRYPTION)
                            .algorithm(JWEAlgorithm.RSA_OAEP_256)
                            .build()),
                        KID_A, KID_A),
                Arguments.of("key_ops encrypt",
                        List.of(new RSAKey.Builder(toPublic(RSA_A)).keyID(KID_A)
                            .keyOperations(java.util.Set.of(KeyOperation.ENCRYPT))
                            .build()),
                        KID_A, KID_A),
                Arguments.of("a signing key beside the chosen one",
                        List.of(withUse(rsa2048("s".repeat(32)), KeyUse.SIGNATURE), RSA_A.toPublicJWK()), KID_A, KID_A),
                Arguments.of("an EC key beside the chosen one", List.of(RSA_A.toPublicJWK(), ec("e".repeat(32))), null,
                        KID_A));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void selectsTheKeyTheRunAsksFor(String name, List<JWK> keys, String kid, String expectedKid) throws Exception {
        Path file = write(keys);

        CardDataKey key = CardDataKeySet.select(file, kid);

        assertThat(key.keyId()).isEqualTo(expectedKid);
        RSAPublicKey expected = (expectedKid.equals(KID_A) ? RSA_A : RSA_B).toRSAPublicKey();
        assertThat(key.publicKey().getModulus()).isEqualTo(expected.getModulus());
        assertThat(key.publicKey().getPublicExponent()).isEqualTo(expected.getPublicExponent());
    }

    static Stream<Arguments> refused() throws Exception {
        return Stream.of(
                // keys in file order, kid asked for, what the message says
                Arguments.of("unknown kid", List.of(RSA_A.toPublicJWK()), "x".repeat(32),
                        "has no key with kid " + "x".repeat(32) + " (kids: [" + KID_A + "])"),
                Arguments.of("RSA 1024", List.of(rsa(1024, KID_B)), KID_B,
                        "(kid " + KID_B + ") in FILE has 1024 bits; at least 2048 are required"),
                Arguments.of("use sig, chosen by kid", List.of(RSA_A.toPublicJWK(), withUse(RSA_B, KeyUse.SIGNATURE)),
                        KID_B, "(kid " + KID_B + ") in FILE is marked \"use\":\"sig\", not for encryption"),
                Arguments.of("use sig, first key", List.of(withUse(RSA_B, KeyUse.SIGNATURE), RSA_A.toPublicJWK()), null,
                        "is marked \"use\":\"sig\""),
                Arguments.of("private RSA key, not even chosen", List.of(RSA_A.toPublicJWK(), RSA_B), KID_A,
                        "holds private or secret key material (kid " + KID_B + ")"),
                Arguments.of("secret (oct) key",
                        List.of(RSA_A.toPublicJWK(),
                                new OctetSequenceKeyGenerator(256).keyID("o".repeat(32)).generate()),
                        KID_A, "holds private or secret key material (kid " + "o".repeat(32) + ")"),
                Arguments.of("EC key chosen", List.of(ec("e".repeat(32)), RSA_A.toPublicJWK()), null,
                        "(kid " + "e".repeat(32) + ") in FILE is EC, not RSA"),
                Arguments.of("key_ops verify only",
                        List.of(new RSAKey.Builder(toPublic(RSA_A)).keyID(KID_A)
                            .keyOperations(java.util.Set.of(KeyOperation.VERIFY))
                            .build()),
                        KID_A, "allows only [verify], not wrapKey or encrypt"),
                Arguments.of("alg RSA1_5", List
                    .of(new RSAKey.Builder(toPublic(RSA_A)).keyID(KID_A).algorithm(JWEAlgorithm.RSA1_5).build()), null,
                        "is for \"alg\":\"RSA1_5\", not RSA-OAEP-256"),
                Arguments.of("alg RS256 (a signing algorithm)",
                        List.of(new RSAKey.Builder(toPublic(RSA_A)).keyID(KID_A).algorithm(JWSAlgorithm.RS256).build()),
                        null, "is for \"alg\":\"RS256\""),
                Arguments.of("kid of 31 characters", List.of(rsaPublicWithKid("k".repeat(31))), null,
                        "has no key id of 32 printable characters"),
                Arguments.of("kid with a space", List.of(rsaPublicWithKid("k".repeat(15) + " " + "k".repeat(16))), null,
                        "has no key id of 32 printable characters"),
                Arguments.of("first key without kid", List.of(rsaPublicWithKid(null)), null,
                        "Card-data key (no kid) in FILE has no key id"),
                Arguments.of("two keys with one kid", List.of(RSA_A.toPublicJWK(), rsaPublicWithKid(KID_A)), KID_A,
                        "holds two keys with kid " + KID_A),
                Arguments.of("no keys", List.of(), null, "holds no keys"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesKeysThatMustNotCarryCardData(String name, List<JWK> keys, String kid, String message) throws Exception {
        Path file = write(keys);

        assertThatThrownBy(() -> CardDataKeySet.select(file, kid)).isInstanceOf(RecipientKeyException.class)
            .hasMessageContaining(message.replace("FILE", file.toString()))
            .hasMessageStartingWith("Card-data key")
            .hasMessageNotContaining("\n");
    }

    static Stream<Arguments> unreadable() {
        return Stream.of(Arguments.of("not JSON", "{\"keys\": [", "is not a JSON Web Key Set"),
                Arguments.of("a single JWK, not a set", RSA_A.toPublicJWK().toJSONString(),
                        "is not a JSON Web Key Set"),
                Arguments.of("a key without its modulus",
                        "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"" + KID_A + "\",\"e\":\"AQAB\"}]}",
                        "is not a JSON Web Key Set"),
                Arguments.of("empty file", "", "is not a JSON Web Key Set"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadable")
    void refusesFilesThatAreNotKeySets(String name, String content, String message) throws Exception {
        Path file = Files.writeString(this.dir.resolve("keys.jwks"), content);

        assertThatThrownBy(() -> CardDataKeySet.load(file)).isInstanceOf(RecipientKeyException.class)
            .hasMessageStartingWith("Card-data key set " + file + " " + message)
            .hasMessageNotContaining("\n");
    }

    @Test
    void refusesAMissingFile() {
        Path file = this.dir.resolve("absent.jwks");

        assertThatThrownBy(() -> CardDataKeySet.load(file)).isInstanceOf(RecipientKeyException.class)
            .hasMessage("Card-data key set " + file + " cannot be read: NoSuchFileException");
    }

    @Test
    void listsTheKeyIdsInFileOrder() throws Exception {
        Path file = write(List.of(RSA_B.toPublicJWK(), RSA_A.toPublicJWK(), rsaPublicWithKid(null)));

        assertThat(CardDataKeySet.load(file).keyIds()).containsExactly(KID_B, KID_A, null);
    }

    @Test
    void describesAKeyWithoutItsMaterial() {
        CardDataKey key = new CardDataKey(KID_A, toPublic(RSA_A));

        assertThat(key.toString()).isEqualTo("CardDataKey[keyId=" + KID_A + ", bits=2048]");
    }

    private Path write(List<JWK> keys) throws Exception {
        String json = keys.stream()
            .map((key) -> key.toJSONString())
            .collect(Collectors.joining(",", "{\"keys\":[", "]}"));
        return Files.writeString(this.dir.resolve("keys.jwks"), json);
    }

    static RSAKey rsa2048(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static JWK rsa(int bits, String kid) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return new RSAKey.Builder((RSAPublicKey) generator.generateKeyPair().getPublic()).keyID(kid).build();
    }

    private static JWK rsaPublicWithKid(String kid) {
        return new RSAKey.Builder(toPublic(RSA_A)).keyID(kid).build();
    }

    private static JWK withUse(RSAKey key, KeyUse use) {
        return new RSAKey.Builder(toPublic(key)).keyID(key.getKeyID()).keyUse(use).build();
    }

    private static JWK ec(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate().toPublicJWK();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static RSAPublicKey toPublic(RSAKey key) {
        try {
            return key.toRSAPublicKey();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

}
