package com.example.cards.crypto;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.DataLengthException;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdkAesEngineTests {

    /**
     * Fixed seed: a failure must be reproducible. These are test inputs, not keys of any
     * system.
     */
    private final Random random = new Random(20240611L);

    @Test
    void matchesFips197AppendixC1() {
        BlockCipher aes = new JdkAesEngine();
        aes.init(true, new KeyParameter(HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f")));
        byte[] block = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");

        assertThat(aes.processBlock(block, 0, block, 0)).isEqualTo(16);
        assertThat(HexFormat.of().formatHex(block)).isEqualTo("69c4e0d86a7b0430d8cdb78070b4c55a");
    }

    @ParameterizedTest
    @ValueSource(ints = { 16, 24, 32 })
    void encryptsAndDecryptsBlocksExactlyLikeBouncyCastlesEngine(int keyLength) {
        for (boolean forEncryption : new boolean[] { true, false }) {
            BlockCipher ours = new JdkAesEngine();
            BlockCipher theirs = AESEngine.newInstance();
            for (int key = 0; key < 20; key++) {
                // Re-initialising the same instance with a new key is how GCM and FF1 use
                // an engine.
                KeyParameter keyParameter = new KeyParameter(bytes(keyLength));
                ours.init(forEncryption, keyParameter);
                theirs.init(forEncryption, keyParameter);
                for (int i = 0; i < 500; i++) {
                    int inOff = random.nextInt(4);
                    int outOff = random.nextInt(4);
                    byte[] in = bytes(16 + inOff + random.nextInt(4));
                    byte[] expected = new byte[16 + outOff];
                    byte[] actual = new byte[16 + outOff];
                    theirs.processBlock(in, inOff, expected, outOff);
                    ours.processBlock(in, inOff, actual, outOff);
                    assertThat(actual).isEqualTo(expected);

                    // In place, as GCM does when it derives its hash subkey.
                    byte[] inPlace = in.clone();
                    ours.processBlock(inPlace, inOff, inPlace, inOff);
                    assertThat(Arrays.copyOfRange(inPlace, inOff, inOff + 16))
                        .isEqualTo(Arrays.copyOfRange(expected, outOff, outOff + 16));
                }
            }
        }
    }

    @Test
    void bouncyCastleGcmOverItGivesTheSameOutputAsOverBouncyCastlesEngine() throws InvalidCipherTextException {
        for (int i = 0; i < 2_000; i++) {
            KeyParameter key = new KeyParameter(bytes(32));
            AEADParameters params = new AEADParameters(key, 128, bytes(12), bytes(random.nextInt(40)));
            byte[] plain = bytes(random.nextInt(100));

            byte[] expected = gcm(AESEngine.newInstance(), true, params, plain);
            byte[] actual = gcm(new JdkAesEngine(), true, params, plain);
            assertThat(actual).isEqualTo(expected);
            assertThat(gcm(new JdkAesEngine(), false, params, actual)).isEqualTo(plain);
        }
    }

    @Test
    void refusesToWorkUninitialisedOrWithBadArguments() {
        JdkAesEngine aes = new JdkAesEngine();
        assertThatThrownBy(() -> aes.processBlock(new byte[16], 0, new byte[16], 0))
            .isInstanceOf(IllegalStateException.class);

        assertThatIllegalArgumentException().isThrownBy(() -> aes.init(true, new KeyParameter(new byte[15])))
            .withMessage("AES key must be 16, 24 or 32 bytes");
        assertThatIllegalArgumentException().isThrownBy(() -> aes.init(true, null));

        aes.init(true, new KeyParameter(new byte[16]));
        assertThatThrownBy(() -> aes.processBlock(new byte[16], 1, new byte[16], 0))
            .isInstanceOf(DataLengthException.class);
        assertThatThrownBy(() -> aes.processBlock(new byte[16], 0, new byte[20], 5))
            .isInstanceOf(DataLengthException.class);
        assertThat(aes.getBlockSize()).isEqualTo(16);
        assertThat(aes.getAlgorithmName()).isEqualTo("AES");
    }

    private static byte[] gcm(BlockCipher engine, boolean encrypt, AEADParameters params, byte[] input)
            throws InvalidCipherTextException {
        GCMModeCipher gcm = GCMBlockCipher.newInstance(engine);
        gcm.init(encrypt, params);
        byte[] out = new byte[gcm.getOutputSize(input.length)];
        int written = gcm.processBytes(input, 0, input.length, out, 0);
        gcm.doFinal(out, written);
        return out;
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

}
