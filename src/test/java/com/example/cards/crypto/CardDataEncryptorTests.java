package com.example.cards.crypto;

import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.nimbusds.jose.jwk.RSAKey;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jwe.ContentEncryptionAlgorithmIdentifiers;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwe.KeyManagementAlgorithmIdentifiers;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Our JWEs are read with jose4j, a JOSE implementation independent of the Nimbus library
 * that writes them, constrained to the algorithms the provider expects.
 */
class CardDataEncryptorTests {

    private static final RSAKey PROVIDER = CardDataKeySetTests.rsa2048(CardDataKeySetTests.KID_A);

    private static final RSAKey OTHER = CardDataKeySetTests.rsa2048(CardDataKeySetTests.KID_B);

    private final CardDataEncryptor encryptor = new CardDataEncryptor(publicKey(PROVIDER));

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"cardApplyNo\":\"A0000000001\",\"physicalCardNo\":\"9410000000000003\",\"expiryDate\":\"20310531\","
                    + "\"mobileCardNo\":\"9410000000000011\",\"mobileCardCVC\":\"123\"}",
            "{\"cardApplyNo\":\"A0000000002\",\"physicalCardNo\":\"9410000000000029\",\"expiryDate\":\"20310531\"}",
            "{\"cardApplyNo\":\"카드-3\",\"note\":\"non-ASCII stays UTF-8\"}", "{}" })
    void providerDecryptsTheResponseBodyWithAnIndependentImplementation(String json) throws Exception {
        String compact = this.encryptor.encrypt(json);

        assertThat(compact.split("\\.", -1)).hasSize(5).allSatisfy((part) -> assertThat(part).isNotEmpty());
        JsonWebEncryption jwe = providerSide(compact, PROVIDER.toPrivateKey());
        assertThat(jwe.getPlaintextString()).isEqualTo(json);
        Map<String, Object> header = JsonUtil.parseJson(jwe.getHeaders().getFullHeaderAsJsonString());
        assertThat(header).containsExactlyInAnyOrderEntriesOf(
                Map.of("alg", "RSA-OAEP-256", "enc", "A256GCM", "kid", CardDataKeySetTests.KID_A));
    }

    @Test
    void namesTheKeyItEncryptsFor() {
        assertThat(this.encryptor.keyId()).isEqualTo(CardDataKeySetTests.KID_A);
    }

    @Test
    void theSamePlaintextNeverGivesTheSameCiphertext() throws Exception {
        String json = "{\"cardApplyNo\":\"A0000000001\",\"physicalCardNo\":\"9410000000000003\"}";

        List<String> compacts = List.of(this.encryptor.encrypt(json), this.encryptor.encrypt(json),
                new CardDataEncryptor(publicKey(PROVIDER)).encrypt(json));

        for (int part = 1; part <= 4; part++) {
            int index = part;
            // encrypted key, IV, ciphertext and tag all differ: a fresh content key and
            // IV per record
            assertThat(compacts.stream().map((compact) -> compact.split("\\.")[index]).distinct()).hasSize(3);
        }
        for (String compact : compacts) {
            assertThat(providerSide(compact, PROVIDER.toPrivateKey()).getPlaintextString()).isEqualTo(json);
        }
    }

    @Test
    void onlyTheChosenKeyDecrypts() throws Exception {
        String compact = this.encryptor.encrypt("{\"cardApplyNo\":\"A1\"}");

        assertThatThrownBy(() -> providerSide(compact, OTHER.toPrivateKey()).getPlaintextString())
            .isInstanceOf(JoseException.class);
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        int threads = 4;
        int perThread = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<List<String[]>>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                tasks.add(() -> {
                    List<String[]> written = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        String json = "{\"cardApplyNo\":\"T" + thread + "-" + i + "\"}";
                        written.add(new String[] { json, this.encryptor.encrypt(json) });
                    }
                    return written;
                });
            }
            Set<String> ciphertexts = new HashSet<>();
            PrivateKey privateKey = PROVIDER.toPrivateKey();
            for (Future<List<String[]>> result : pool.invokeAll(tasks)) {
                for (String[] pair : result.get()) {
                    assertThat(providerSide(pair[1], privateKey).getPlaintextString()).isEqualTo(pair[0]);
                    ciphertexts.add(pair[1]);
                }
            }
            assertThat(ciphertexts).hasSize(threads * perThread);
        }
        finally {
            pool.shutdownNow();
        }
    }

    private static JsonWebEncryption providerSide(String compact, PrivateKey privateKey) throws JoseException {
        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setAlgorithmConstraints(
                new AlgorithmConstraints(ConstraintType.PERMIT, KeyManagementAlgorithmIdentifiers.RSA_OAEP_256));
        jwe.setContentEncryptionAlgorithmConstraints(
                new AlgorithmConstraints(ConstraintType.PERMIT, ContentEncryptionAlgorithmIdentifiers.AES_256_GCM));
        jwe.setCompactSerialization(compact);
        jwe.setKey(privateKey);
        return jwe;
    }

    private static CardDataKey publicKey(RSAKey key) {
        try {
            return new CardDataKey(key.getKeyID(), key.toRSAPublicKey());
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

}
