package com.example.cards.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;

import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;

/**
 * Writes an OpenPGP message encrypted for the courier's key: whatever is written here
 * (the manifest's CSV, typically through a {@link java.io.Writer}) becomes a literal data
 * packet carrying the file name, inside a symmetrically encrypted, integrity-protected
 * data packet (SEIPD version 1 with MDC) under AES-256, whose session key is encrypted to
 * the key's encryption subkey. Only ciphertext reaches the target stream; plaintext is
 * never buffered beyond one packet's worth of memory, so nothing in plaintext touches
 * disk however large the manifest.
 *
 * <p>
 * The cipher and packet version are fixed rather than negotiated from the key's
 * preferences: AES-256 is what the courier is promised, and SEIPD version 1 is what every
 * GnuPG in use decrypts (version 2 needs GnuPG 2.5 or later). The literal data is binary
 * so the bytes decrypt exactly as written, with no modification time. No compression is
 * applied: the manifest is written once and read once, and its size does not warrant it.
 *
 * <p>
 * {@link #close()} ends the packets and closes the target; a message is complete only
 * once closed. Not thread-safe, like any stream.
 */
public final class OpenPgpEncryptingOutputStream extends OutputStream {

    private static final int PACKET_BUFFER_SIZE = 1 << 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final OutputStream target;

    private final PGPEncryptedDataGenerator encryptedGenerator;

    private final PGPLiteralDataGenerator literalGenerator = new PGPLiteralDataGenerator();

    private final OutputStream literal;

    private boolean closed;

    /**
     * Starts a message.
     * @param target where the ciphertext goes (closed with this stream)
     * @param key the courier's checked key
     * @param fileName the name the courier's decrypted file gets, e.g.
     * {@code B001-manifest.csv}
     * @throws IOException if the target cannot be written
     */
    public OpenPgpEncryptingOutputStream(OutputStream target, CourierKey key, String fileName) throws IOException {
        this.target = target;
        this.encryptedGenerator = new PGPEncryptedDataGenerator(
                new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).setWithIntegrityPacket(true)
                    .setSecureRandom(RANDOM));
        this.encryptedGenerator
            .addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(key.encryptionKey()).setSecureRandom(RANDOM));
        try {
            OutputStream encrypted = this.encryptedGenerator.open(target, new byte[PACKET_BUFFER_SIZE]);
            this.literal = this.literalGenerator.open(encrypted, PGPLiteralData.BINARY, fileName, PGPLiteralData.NOW,
                    new byte[PACKET_BUFFER_SIZE]);
        }
        catch (PGPException ex) {
            throw new IOException("Cannot start an OpenPGP message for courier key " + key.fingerprint(), ex);
        }
    }

    @Override
    public void write(int b) throws IOException {
        this.literal.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        this.literal.write(bytes, offset, length);
    }

    /**
     * Flushes the target. Buffered plaintext is not forced out: OpenPGP's partial packets
     * are written whole, so it leaves with the next full packet or at {@link #close()}.
     */
    @Override
    public void flush() throws IOException {
        this.target.flush();
    }

    @Override
    public void close() throws IOException {
        if (this.closed) {
            return;
        }
        this.closed = true;
        try (OutputStream out = this.target) {
            this.literalGenerator.close();
            this.encryptedGenerator.close();
        }
    }

}
