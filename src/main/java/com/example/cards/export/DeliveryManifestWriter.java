package com.example.cards.export;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Objects;
import java.util.function.Consumer;

import com.example.cards.crypto.CourierKey;
import com.example.cards.crypto.OpenPgpEncryptingOutputStream;
import com.example.cards.reference.Product;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

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
                   a.delivery_class, a.service_id, p.product_name, a.physical_card_masked, a.line_no
              FROM card_application a%1$s
              LEFT JOIN card_product p ON p.service_id = a.service_id
             WHERE a.batch_id = ? AND a.delivery_required = 'Y'%2$s""";

    /**
     * The courier's order, as the database sorts it; {@link #COURIER_ORDER} is the same.
     */
    private static final String ORDER_BY = """

             ORDER BY a.zip_code, a.address, COALESCE(a.address_detail, ' '), a.delivery_class, a.line_no
            """;

    /**
     * The courier's order in the JVM, for H2: by zip code, address, address detail (none
     * sorts as a space), delivery class, then line number, comparing text by its UTF-16
     * units as H2 does.
     */
    static final Comparator<Line> COURIER_ORDER = Comparator.comparing(Line::zip)
        .thenComparing(Line::address)
        .thenComparing((line) -> Objects.requireNonNullElse(line.detail(), " "))
        .thenComparing(Line::deliveryClass)
        .thenComparingLong(Line::lineNo);

    /**
     * How many lines the job sorts in memory before it spills a sorted run to a scratch
     * file: about 15 MB of lines.
     */
    static final int LINES_IN_MEMORY = 25_000;

    private static final String REQUEST_JOIN = "\n  JOIN issuance_request r ON r.id = a.request_pk";

    public static final String KIND = "manifest";

    private final JdbcTemplate jdbc;

    private final boolean groupReadable;

    private final int linesInMemory;

    private final Path scratchDirectory;

    private Boolean sortsInJob;

    public DeliveryManifestWriter(JdbcTemplate jdbc, boolean groupReadable) {
        this(jdbc, groupReadable, LINES_IN_MEMORY, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * @param linesInMemory where the job sorts the manifest (H2), how many lines it sorts
     * in memory before it spills a sorted run to a scratch file
     * @param scratchDirectory where the scratch files' own directory is made
     */
    public DeliveryManifestWriter(JdbcTemplate jdbc, boolean groupReadable, int linesInMemory, Path scratchDirectory) {
        this.jdbc = jdbc;
        this.groupReadable = groupReadable;
        this.linesInMemory = linesInMemory;
        this.scratchDirectory = scratchDirectory;
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
            Consumer<Line> detail = (line) -> {
                String parcelId = parcels.parcelFor(line.zip(), line.address(), line.detail(),
                        Product.HOLDER_ONLY.equals(line.deliveryClass()));
                String last4 = last4(line.physicalCardMasked());
                out.record("D", Long.toString(out.records() + 1), parcelId, line.cardApplyNo(), line.recipientName(),
                        line.recipientMobile(), line.zip(), line.address(), line.detail(), line.deliveryClass(),
                        line.serviceId(), line.productName(), last4);
                hashTotal[0] += Long.parseLong(line.zip()) + Long.parseLong(last4);
            };
            String sql = scope.sql(SQL.formatted(scope.narrowed() ? REQUEST_JOIN : "", "%s"), "r");
            if (sortsInJob()) {
                try (SpillingSort<Line> sort = new SpillingSort<>(COURIER_ORDER, Line.CODEC, this.linesInMemory,
                        this.scratchDirectory)) {
                    this.jdbc.query(sql, (RowCallbackHandler) (rs) -> sort.add(Line.of(rs)), scope.arguments());
                    sort.forEachSorted(detail);
                }
            }
            else {
                this.jdbc.query(sql + ORDER_BY, (RowCallbackHandler) (rs) -> detail.accept(Line.of(rs)),
                        scope.arguments());
            }
            out.header("T", Long.toString(out.records()), Long.toString(parcels.count()), Long.toString(hashTotal[0]));
            return out.commit();
        }
    }

    /**
     * Whether the job sorts the manifest itself: on H2, whose sort of a result larger
     * than its in-memory limit goes through a temporary table on disk and grew faster
     * than the batch (see docs/performance.md). PostgreSQL and Oracle sort on the server.
     */
    private boolean sortsInJob() {
        if (this.sortsInJob == null) {
            this.sortsInJob = "H2".equals(this.jdbc
                .execute((ConnectionCallback<String>) (con) -> con.getMetaData().getDatabaseProductName()));
        }
        return this.sortsInJob;
    }

    /** Where the manifest for {@code target} goes when it is encrypted. */
    public static Path encrypted(Path target) {
        return target.resolveSibling(target.getFileName() + ".pgp");
    }

    private static String last4(String masked) {
        return masked.substring(masked.length() - 4);
    }

    /** One plastic to deliver, as read from its application. */
    record Line(String cardApplyNo, String recipientName, String recipientMobile, String zip, String address,
            String detail, String deliveryClass, String serviceId, String productName, String physicalCardMasked,
            long lineNo) {

        static final SpillingSort.Codec<Line> CODEC = new SpillingSort.Codec<>() {

            @Override
            public void write(DataOutput out, Line line) throws IOException {
                for (String text : new String[] { line.cardApplyNo, line.recipientName, line.recipientMobile, line.zip,
                        line.address, line.detail, line.deliveryClass, line.serviceId, line.productName,
                        line.physicalCardMasked }) {
                    out.writeBoolean(text != null);
                    if (text != null) {
                        out.writeUTF(text);
                    }
                }
                out.writeLong(line.lineNo);
            }

            @Override
            public Line read(DataInput in) throws IOException {
                String[] text = new String[10];
                for (int i = 0; i < text.length; i++) {
                    text[i] = in.readBoolean() ? in.readUTF() : null;
                }
                return new Line(text[0], text[1], text[2], text[3], text[4], text[5], text[6], text[7], text[8],
                        text[9], in.readLong());
            }

        };

        static Line of(ResultSet rs) throws SQLException {
            return new Line(rs.getString("card_apply_no"), rs.getString("recipient_name"),
                    rs.getString("recipient_mobile"), rs.getString("zip_code"), rs.getString("address"),
                    rs.getString("address_detail"), rs.getString("delivery_class"), rs.getString("service_id"),
                    rs.getString("product_name"), rs.getString("physical_card_masked"), rs.getLong("line_no"));
        }

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
