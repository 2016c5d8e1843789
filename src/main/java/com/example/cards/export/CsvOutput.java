package com.example.cards.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import com.example.cards.crypto.Masking;
import com.example.cards.crypto.OwnerOnlyFiles;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;

/**
 * An RFC 4180 CSV file written to a temporary name and moved into place when complete, so
 * a reader never sees half a file and a restarted export simply writes it again. Every
 * cell is neutralised against spreadsheet formulas.
 */
public final class CsvOutput implements AutoCloseable {

    /** Data records written by this process, per kind of file: the export's progress. */
    private static final Map<String, LongAdder> WRITTEN = new ConcurrentHashMap<>();

    private final String kind;

    private final LongAdder written;

    private final Path target;

    private final Path temporary;

    private final String recipientKey;

    private final MessageDigest digest;

    private final CSVWriter csv;

    private long records;

    private boolean committed;

    /**
     * Opens {@code target}'s temporary file ({@code <name>.part}), created new and
     * owner-only ({@link OwnerOnlyFiles}): a link at either name is replaced, never
     * followed.
     * @param groupReadable 0640 instead of 0600
     */
    public CsvOutput(String kind, Path target, Charset charset, boolean bom, boolean groupReadable) {
        this(kind, target, charset, bom, groupReadable, null, null);
    }

    /**
     * A CSV file whose bytes pass through {@code encryption} before they reach the disk:
     * only its output is written, to the temporary name and then to {@code target}, and
     * the SHA-256 is that of the encrypted file.
     * @param groupReadable 0640 instead of 0600
     * @param encryption wraps the file's stream, or {@code null} for a plain file
     * @param recipientKey the key the file is encrypted for, named in the summary
     */
    public CsvOutput(String kind, Path target, Charset charset, boolean bom, boolean groupReadable,
            Encryption encryption, String recipientKey) {
        this.kind = kind;
        this.written = WRITTEN.computeIfAbsent(kind, k -> new LongAdder());
        this.target = target;
        this.recipientKey = recipientKey;
        this.temporary = target.resolveSibling(target.getFileName() + ".part");
        try {
            OwnerOnlyFiles.createDirectories(target.toAbsolutePath().getParent());
            this.digest = MessageDigest.getInstance("SHA-256");
            OutputStream out = new DigestOutputStream(OwnerOnlyFiles.createNew(temporary, groupReadable), digest);
            if (encryption != null) {
                out = encryption.wrap(out);
            }
            if (bom && StandardCharsets.UTF_8.equals(charset)) {
                out.write(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
            }
            this.csv = new CSVWriter(new BufferedWriter(new OutputStreamWriter(out, charset.newEncoder()), 1 << 16),
                    ICSVWriter.DEFAULT_SEPARATOR, ICSVWriter.DEFAULT_QUOTE_CHARACTER,
                    ICSVWriter.DEFAULT_ESCAPE_CHARACTER, ICSVWriter.RFC4180_LINE_END);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + target, ex);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A line that is not a data record (a column header). */
    public void header(String... cells) {
        writeLine(cells);
    }

    /** A data record: counted in the summary. */
    public void record(String... cells) {
        writeLine(cells);
        records++;
        written.increment();
    }

    private void writeLine(String[] cells) {
        String[] safe = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            // No NUL reaches an output (a staging-table row may hold one).
            String cell = cells[i] == null ? null : cells[i].replace("\u0000", "");
            safe[i] = Masking.neutraliseFormula(cell);
        }
        csv.writeNext(safe, false);
    }

    /**
     * The data records this process has written to files of this kind so far, all exports
     * together.
     */
    static long written(String kind) {
        LongAdder adder = WRITTEN.get(kind);
        return adder == null ? 0 : adder.sum();
    }

    public long records() {
        return records;
    }

    /** Flushes, moves the file into place and describes it. */
    public OutputFile commit() {
        try {
            csv.flush();
            if (csv.checkError()) {
                throw new IOException("write failed", csv.getException());
            }
            csv.close();
            OwnerOnlyFiles.moveIntoPlace(temporary, target);
            committed = true;
            return new OutputFile(kind, target, HexFormat.of().formatHex(digest.digest()), records, recipientKey);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + target, ex);
        }
    }

    /** Turns the file's stream into one that encrypts what is written to it. */
    @FunctionalInterface
    public interface Encryption {

        OutputStream wrap(OutputStream file) throws IOException;

    }

    @Override
    public void close() {
        if (!committed) {
            try {
                csv.close();
                Files.deleteIfExists(temporary);
            }
            catch (IOException ex) {
                // the failure that brought us here is the one to report
            }
        }
    }

}
