package com.example.cards.export;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

import com.example.cards.crypto.CourierKey;
import com.example.cards.crypto.OpenPgpEncryptingOutputStream;
import com.example.cards.reference.Product;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The courier's delivery manifest: a header record, one detail record per plastic to
 * deliver sorted by zip code, and a trailer with the record count and a hash total.
 * Plastics for the same address travel in one parcel, except HOLDER_ONLY cards, which are
 * handed over only to their holder after an ID check and so always get a parcel of their
 * own. Never a full card number, a CVC or an RRN: the card shows its last four digits at
 * most.
 *
 * <p>
 * Hash total: the sum over detail records of the zip code plus the card's last four
 * digits, read as numbers.
 */
public final class DeliveryManifestWriter {

    // %1$s joins the request rows where the scope filters on them (a staging claim, a
    // rerun); %2$s is that filter, filled in by the scope. The line number comes from the
    // application itself, so a whole batch's manifest reads no request row.
    private static final String SQL = """
            SELECT a.card_apply_no, a.recipient_name, a.recipient_mobile, a.zip_code, a.address, a.address_detail,
                   a.delivery_class, a.service_id, p.product_name, a.physical_card_masked
              FROM card_application a%1$s
              LEFT JOIN card_product p ON p.service_id = a.service_id
             WHERE a.batch_id = ? AND a.delivery_required = 'Y'%2$s
             ORDER BY a.zip_code, a.address, COALESCE(a.address_detail, ' '), a.delivery_class, a.line_no
            """;

    private static final String REQUEST_JOIN = "\n  JOIN issuance_request r ON r.id = a.request_pk";

    public static final String KIND = "manifest";

    private final JdbcTemplate jdbc;

    private final boolean groupReadable;

    public DeliveryManifestWriter(JdbcTemplate jdbc, boolean groupReadable) {
        this.jdbc = jdbc;
        this.groupReadable = groupReadable;
    }

    /**
     * For a rerun's rows, parcels are numbered {@code <batchId>-R001-P000001}, so they
     * never collide with the batch's own parcels.
     */
    public OutputFile write(ClaimScope scope, LocalDate businessDate, int sequence, Path target, Charset charset,
            boolean bom) {
        return write(scope, businessDate, sequence, target, charset, bom, null);
    }

    /**
     * With a courier key, the manifest is written only as {@code <target>.pgp}, an
     * OpenPGP message for that key whose literal data is named {@code target}'s file
     * name: the CSV's bytes are encrypted before they reach any file, so no plaintext
     * manifest is ever on disk.
     * @param courier the courier's key, or {@code null} for a plain manifest
     */
    public OutputFile write(ClaimScope scope, LocalDate businessDate, int sequence, Path target, Charset charset,
            boolean bom, CourierKey courier) {
        String batchId = scope.batchId();
        Path file = courier == null ? target : encrypted(target);
        CsvOutput.Encryption encryption = courier == null ? null
                : (out) -> new OpenPgpEncryptingOutputStream(out, courier, target.getFileName().toString());
        String recipient = courier == null ? null : "OpenPGP " + courier.fingerprint();
        try (CsvOutput out = new CsvOutput(KIND, file, charset, bom, groupReadable, encryption, recipient)) {
            out.header("H", batchId, businessDate.format(DateTimeFormatter.BASIC_ISO_DATE),
                    String.format("%03d", sequence));
            Parcels parcels = new Parcels(
                    scope.rerunNo() == null ? batchId : batchId + String.format("-R%03d", scope.rerunNo()));
            long[] hashTotal = { 0 };
            String sql = SQL.formatted(scope.narrowed() ? REQUEST_JOIN : "", "%s");
            jdbc.query(scope.sql(sql, "r"), rs -> {
                String zip = rs.getString("zip_code");
                String address = rs.getString("address");
                String detail = rs.getString("address_detail");
                String deliveryClass = rs.getString("delivery_class");
                String last4 = last4(rs.getString("physical_card_masked"));
                String parcelId = parcels.parcelFor(zip, address, detail, Product.HOLDER_ONLY.equals(deliveryClass));
                out.record("D", Long.toString(out.records() + 1), parcelId, rs.getString("card_apply_no"),
                        rs.getString("recipient_name"), rs.getString("recipient_mobile"), zip, address, detail,
                        deliveryClass, rs.getString("service_id"), rs.getString("product_name"), last4);
                hashTotal[0] += Long.parseLong(zip) + Long.parseLong(last4);
            }, scope.arguments());
            out.header("T", Long.toString(out.records()), Long.toString(parcels.count()), Long.toString(hashTotal[0]));
            return out.commit();
        }
    }

    /** Where the manifest for {@code target} goes when it is encrypted. */
    public static Path encrypted(Path target) {
        return target.resolveSibling(target.getFileName() + ".pgp");
    }

    private static String last4(String masked) {
        return masked.substring(masked.length() - 4);
    }

    /**
     * Numbers parcels in manifest order; consecutive plastics for the same address share
     * one.
     */
    private static final class Parcels {

        private final String batchId;

        private int count;

        private String lastKey;

        Parcels(String batchId) {
            this.batchId = batchId;
        }

        String parcelFor(String zip, String address, String detail, boolean holderOnly) {
            String key = zip + '\u0000' + address + '\u0000' + Objects.toString(detail, "");
            if (holderOnly || !key.equals(lastKey)) {
                count++;
            }
            lastKey = holderOnly ? null : key;
            return batchId + "-P" + String.format("%06d", count);
        }

        int count() {
            return count;
        }

    }

}
