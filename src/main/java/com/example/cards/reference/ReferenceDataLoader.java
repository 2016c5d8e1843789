package com.example.cards.reference;

import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.example.cards.crypto.KeyedHash;

import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads members and card products (domain.md section 9) into the configured database.
 * Loading the same file again replaces the rows it names, so a failed load can simply be
 * run again. A member's RRN is turned into its keyed hash here and is never stored or
 * logged.
 */
public final class ReferenceDataLoader {

    private static final Logger log = LoggerFactory.getLogger(ReferenceDataLoader.class);

    private static final int COMMIT_EVERY = 5000;

    private static final Pattern RRN = Pattern.compile("\\d{6}-?\\d{7}");

    private static final Pattern DIGITS = Pattern.compile("\\d+");

    static final List<String> MEMBER_COLUMNS = List.of("userId", "userName", "socialNo", "status", "mobileWallet");
    static final List<String> PRODUCT_COLUMNS = List.of("serviceId", "productName", "bankCode", "kind", "issueTypes",
            "cashIc", "preIssue", "siblingServiceId", "bin", "cardLength", "validityMonths", "deliveryClass", "status");

    private final JdbcTemplate jdbc;

    private final TransactionTemplate tx;

    private final KeyedHash keyedHash;

    public ReferenceDataLoader(JdbcTemplate jdbc, TransactionTemplate tx, KeyedHash keyedHash) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.keyedHash = keyedHash;
    }

    /** Loads the members file; returns the number of members written. */
    public long loadMembers(Path file) {
        return load(file, MEMBER_COLUMNS, List.of(), (row, line) -> {
            BigInteger userId = userId(row.get("userId"), line);
            String name = Normalizer.normalize(required(row, "userName", line), Normalizer.Form.NFC);
            String rrn = required(row, "socialNo", line).replace("-", "");
            if (!RRN.matcher(row.get("socialNo").trim()).matches()) {
                throw new ReferenceDataException("line " + line + ": socialNo is not a 13-digit RRN");
            }
            String status = oneOf(row, "status", names(MemberStatus.values()), line);
            String wallet = oneOf(row, "mobileWallet", Set.of("Y", "N"), line);
            return new Object[] { new java.math.BigDecimal(userId), name, status, keyedHash.hash(rrn), wallet };
        }, "DELETE FROM wallet_member WHERE user_id = ?",
                "INSERT INTO wallet_member (user_id, user_name, status, rrn_hash, mobile_wallet) VALUES (?, ?, ?, ?, ?)");
    }

    /** Loads the products file; returns the number of products written. */
    public long loadProducts(Path file) {
        long count = load(file, PRODUCT_COLUMNS, List.of("cvkAlias"), (row, line) -> {
            String serviceId = required(row, "serviceId", line);
            if (serviceId.length() != 15) {
                throw new ReferenceDataException("line " + line + ": serviceId must be 15 characters");
            }
            String kind = oneOf(row, "kind", Set.of(Product.DEBIT, Product.DIGITAL), line);
            try {
                ProductCatalog.issueTypes(required(row, "issueTypes", line));
            }
            catch (IllegalArgumentException ex) {
                throw new ReferenceDataException(
                        "line " + line + ": issueTypes must be PHYSICAL, PRE_ISSUE or both joined by |");
            }
            String bin = required(row, "bin", line);
            if (!DIGITS.matcher(bin).matches() || (bin.length() != 6 && bin.length() != 8)) {
                throw new ReferenceDataException("line " + line + ": bin must be 6 or 8 digits");
            }
            int length = number(row, "cardLength", line, 13, 19);
            int validity = number(row, "validityMonths", line, 1, 240);
            String bankCode = required(row, "bankCode", line);
            if (!bankCode.matches("\\d{3}")) {
                throw new ReferenceDataException("line " + line + ": bankCode must be 3 digits");
            }
            String sibling = row.getOrDefault("siblingServiceId", "").trim();
            String cvkAlias = row.getOrDefault("cvkAlias", "").trim();
            return new Object[] { serviceId, required(row, "productName", line), bankCode, kind,
                    required(row, "issueTypes", line), oneOf(row, "cashIc", Set.of("Y", "N"), line),
                    oneOf(row, "preIssue", Set.of("Y", "N"), line), sibling.isEmpty() ? null : sibling, bin, length,
                    validity, oneOf(row, "deliveryClass", Set.of("STANDARD", Product.HOLDER_ONLY), line),
                    cvkAlias.isEmpty() ? "default" : cvkAlias,
                    oneOf(row, "status", names(ProductStatus.values()), line) };
        }, "DELETE FROM card_product WHERE service_id = ?", """
                INSERT INTO card_product (service_id, product_name, bank_code, kind, issue_types, cash_ic, pre_issue,
                    sibling_service_id, bin, card_length, validity_months, delivery_class, cvk_alias, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
        return count;
    }

    @FunctionalInterface
    private interface RowMapper {

        Object[] map(Map<String, String> row, long line);

    }

    private long load(Path file, List<String> required, List<String> optional, RowMapper mapper, String delete,
            String insert) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ReferenceDataException("cannot read " + file.toAbsolutePath());
        }
        long count = 0;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVReader csv = new CSVReader(reader)) {
            String[] header = csv.readNext();
            if (header == null) {
                return 0;
            }
            Map<String, Integer> positions = positions(header, required, optional, file);
            List<Object[]> batch = new ArrayList<>();
            String[] next;
            while ((next = csv.readNext()) != null) {
                String[] cells = next;
                long line = csv.getLinesRead();
                if (cells.length == 1 && cells[0].isBlank()) {
                    continue;
                }
                if (cells.length != header.length) {
                    throw new ReferenceDataException(file.getFileName() + " line " + line + ": " + cells.length
                            + " columns, header has " + header.length);
                }
                Map<String, String> row = new HashMap<>();
                positions.forEach((name, index) -> row.put(name, cells[index]));
                batch.add(mapper.map(row, line));
                if (batch.size() == COMMIT_EVERY) {
                    write(batch, delete, insert);
                    count += batch.size();
                    batch.clear();
                }
            }
            write(batch, delete, insert);
            count += batch.size();
        }
        catch (IOException | CsvValidationException ex) {
            throw new ReferenceDataException("cannot read " + file.toAbsolutePath() + ": " + ex.getMessage());
        }
        log.info("Loaded {} rows from {}", count, file.getFileName());
        return count;
    }

    private void write(List<Object[]> batch, String delete, String insert) {
        if (batch.isEmpty()) {
            return;
        }
        tx.executeWithoutResult(status -> {
            jdbc.batchUpdate(delete, batch.stream().map(row -> new Object[] { row[0] }).toList());
            jdbc.batchUpdate(insert, batch);
        });
    }

    private static Map<String, Integer> positions(String[] header, List<String> required, List<String> optional,
            Path file) {
        Map<String, Integer> byLower = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            byLower.put(header[i].replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT), i);
        }
        Map<String, Integer> positions = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String column : required) {
            Integer index = byLower.get(column.toLowerCase(Locale.ROOT));
            if (index == null) {
                missing.add(column);
            }
            else {
                positions.put(column, index);
            }
        }
        for (String column : optional) {
            Integer index = byLower.get(column.toLowerCase(Locale.ROOT));
            if (index != null) {
                positions.put(column, index);
            }
        }
        if (!missing.isEmpty()) {
            throw new ReferenceDataException(
                    file.getFileName() + " is missing column(s): " + String.join(", ", missing));
        }
        return positions;
    }

    private static String required(Map<String, String> row, String column, long line) {
        String value = row.get(column);
        if (value == null || value.isBlank()) {
            throw new ReferenceDataException("line " + line + ": " + column + " is required");
        }
        return value.trim();
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static String oneOf(Map<String, String> row, String column, Set<String> allowed, long line) {
        String value = required(row, column, line).toUpperCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw new ReferenceDataException("line " + line + ": " + column + " must be one of " + allowed);
        }
        return value;
    }

    private static int number(Map<String, String> row, String column, long line, int min, int max) {
        String value = required(row, column, line);
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        }
        catch (NumberFormatException ex) {
            // reported below
        }
        throw new ReferenceDataException(
                "line " + line + ": " + column + " must be a number from " + min + " to " + max);
    }

    private static BigInteger userId(String raw, long line) {
        String value = raw == null ? "" : raw.trim();
        if (!DIGITS.matcher(value).matches() || value.length() > 19 || new BigInteger(value).signum() == 0) {
            throw new ReferenceDataException(
                    "line " + line + ": userId must be a number from 1 to 9999999999999999999");
        }
        return new BigInteger(value);
    }

    /** A reference data file that cannot be loaded; the message is for a person. */
    public static final class ReferenceDataException extends RuntimeException {

        public ReferenceDataException(String message) {
            super(message);
        }

    }

}
