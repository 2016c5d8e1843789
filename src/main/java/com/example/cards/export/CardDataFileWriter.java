package com.example.cards.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import com.example.cards.crypto.CardDataEncryptor;
import com.example.cards.crypto.CardDataKey;
import com.example.cards.crypto.FieldCipher;
import com.example.cards.crypto.OwnerOnlyFiles;
import com.example.cards.crypto.Sealed;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The card-data file for the service provider, {@code <batchId>-card-data.jsonl}: one
 * JSON object per issued request, in input order, with {@code lineNo}, {@code requestId},
 * {@code cardApplyNo}, {@code keyId} and {@code encData}, a JWE ({@code RSA-OAEP-256},
 * {@code A256GCM}, {@code kid} = {@code keyId}) whose plaintext is the online call's
 * response body: {@code cardApplyNo}, {@code physicalCardNo}, {@code expiryDate} and,
 * when a mobile card was issued, {@code mobileCardNo} and {@code mobileCardCVC}.
 *
 * <p>
 * The card numbers are opened from their stored ciphertext and the CVC is derived here
 * with the mobile product's CVK ({@link CvcSource}); neither is kept beyond the record
 * being encrypted, and only ciphertext reaches the disk. The file is written under a
 * temporary name and moved into place, so a restarted export writes it again: the same
 * plaintexts, fresh ciphertexts.
 */
public final class CardDataFileWriter {

    public static final String KIND = "card-data";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String SQL = """
            SELECT r.line_no, r.request_id, a.card_apply_no, a.expiry_date,
                   pc.pan_key_id, pc.pan_enc, mc.pan_key_id, mc.pan_enc, mp.cvk_alias
              FROM issuance_request r
              JOIN card_application a ON a.request_pk = r.id
              JOIN card pc ON pc.card_apply_no = a.card_apply_no AND pc.card_role = 'PHYSICAL'
              LEFT JOIN card mc ON mc.card_apply_no = a.card_apply_no AND mc.card_role = 'MOBILE'
              LEFT JOIN card_product mp ON mp.service_id = mc.service_id
             WHERE r.batch_id = ?%s
             ORDER BY r.batch_id, r.line_no
            """;

    private final JdbcTemplate jdbc;

    private final FieldCipher cipher;

    private final CvcSource cvcs;

    private final boolean groupReadable;

    /**
     * @param groupReadable the file 0640 instead of 0600 (it holds only ciphertexts, but
     * is an output like the others)
     */
    public CardDataFileWriter(JdbcTemplate jdbc, FieldCipher cipher, CvcSource cvcs, boolean groupReadable) {
        this.groupReadable = groupReadable;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.cvcs = cvcs;
    }

    public OutputFile write(ClaimScope scope, CardDataKey key, Path target) {
        CardDataEncryptor encryptor = new CardDataEncryptor(key);
        Path temporary = target.resolveSibling(target.getFileName() + ".part");
        MessageDigest digest = sha256();
        long[] records = { 0 };
        try {
            OwnerOnlyFiles.createDirectories(target.toAbsolutePath().getParent());
            try (OutputStream file = new DigestOutputStream(OwnerOnlyFiles.createNew(temporary, groupReadable), digest);
                    Writer out = new BufferedWriter(new OutputStreamWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
                this.jdbc.query(scope.sql(SQL, "r"), (rs) -> {
                    String applyNo = rs.getString(3).strip();
                    String expiry = rs.getString(4).strip();
                    Map<String, String> body = new LinkedHashMap<>();
                    body.put("cardApplyNo", applyNo);
                    body.put("physicalCardNo", this.cipher.open(new Sealed(rs.getString(5).strip(), rs.getString(6))));
                    body.put("expiryDate", expiry);
                    if (rs.getString(8) != null) {
                        String mobile = this.cipher.open(new Sealed(rs.getString(7).strip(), rs.getString(8)));
                        body.put("mobileCardNo", mobile);
                        body.put("mobileCardCVC", this.cvcs.cvc(rs.getString(9), mobile, expiry.substring(2, 6)));
                    }
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("lineNo", rs.getLong(1));
                    line.put("requestId", rs.getString(2));
                    line.put("cardApplyNo", applyNo);
                    line.put("keyId", encryptor.keyId());
                    line.put("encData", encryptor.encrypt(JSON.writeValueAsString(body)));
                    try {
                        out.write(JSON.writeValueAsString(line));
                        out.write('\n');
                    }
                    catch (IOException ex) {
                        throw new UncheckedIOException("cannot write " + target, ex);
                    }
                    records[0]++;
                }, scope.arguments());
            }
            OwnerOnlyFiles.moveIntoPlace(temporary, target);
            return new OutputFile(KIND, target, HexFormat.of().formatHex(digest.digest()), records[0],
                    "kid " + key.keyId());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + target, ex);
        }
        finally {
            try {
                Files.deleteIfExists(temporary);
            }
            catch (IOException ex) {
                // the failure that brought us here, if any, is the one to report
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
