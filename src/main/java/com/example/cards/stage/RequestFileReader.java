package com.example.cards.stage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.example.cards.request.InputEncoding;
import com.example.cards.request.RequestFields;

import com.opencsv.RFC4180Parser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Streams the records of one request CSV file as {@link SourceRecord}s, never dropping
 * one: a record that cannot be parsed becomes {@link SourceRecord#malformed} with its
 * line number and a reason that never quotes its content.
 *
 * <p>
 * The file is read as bytes through a 64 KiB buffer and split into records at the byte
 * level: a record ends at LF, CRLF or a lone CR outside double quotes; inside quotes line
 * breaks belong to the field. This is safe for UTF-8 and MS949 because neither uses the
 * bytes {@code "}, {@code ,}, CR or LF inside a multi-byte sequence. Each record's bytes
 * are then decoded strictly (an undecodable byte makes the record malformed; nothing ever
 * becomes '?') and its fields are parsed with opencsv's {@link RFC4180Parser}.
 *
 * <p>
 * Quoting is checked strictly (RFC 4180): a quote may only open a field, close it, or be
 * doubled inside a quoted field. A quote in the middle of an unquoted field, or text
 * after a closing quote, makes the record malformed ("malformed quoting"). A record is
 * limited to 64 KiB: a quoted field still open at the end of the file or after 64 KiB is
 * "unterminated quoted field". When a malformed record spans several physical lines (an
 * unterminated quote, a quoting error or a wrong column count - the usual signs of a
 * stray quote having swallowed the following lines), only its first physical line is
 * reported and reading resumes at its second physical line, so the lines that were
 * swallowed are read again as records of their own.
 *
 * <p>
 * Blank lines (nothing between two line breaks) are skipped. Line numbers are physical:
 * the header is line 1 and every line break counts, quoted ones too.
 *
 * <p>
 * Restartable: {@link #update} saves the byte offset of the next record, its line number
 * and the file size under keys prefixed with the reader's {@linkplain #setName name};
 * {@link #open} validates the header again and resumes there. Not thread-safe: use one
 * reader per step.
 *
 * <p>
 * A file can be read in contiguous {@linkplain Range ranges}, one reader each (a
 * partitioned stage step): {@link #split} finds the boundaries by scanning the file the
 * way a single reader would, so every range starts exactly where a reader of the whole
 * file would be between two records, at that record's line number. The ranges together
 * yield exactly the records, line numbers and malformed records of one reader of the
 * whole file.
 */
public class RequestFileReader implements ItemStreamReader<SourceRecord> {

    private static final Logger log = LoggerFactory.getLogger(RequestFileReader.class);

    /** The longest record accepted, in bytes (line breaks inside quotes included). */
    static final int MAX_RECORD_BYTES = 64 * 1024;

    static final String DEFAULT_NAME = "requestFileReader";

    private static final int BUFFER_SIZE = 64 * 1024;

    private static final byte[] UTF8_BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

    private static final Map<String, String> KNOWN_COLUMNS = new HashMap<>();

    static {
        for (String column : RequestFields.COLUMNS) {
            KNOWN_COLUMNS.put(column.toLowerCase(Locale.ROOT), column);
        }
    }

    // byte-level scanner states
    private static final int FIELD_START = 0;

    private static final int UNQUOTED = 1;

    private static final int QUOTED = 2;

    private static final int QUOTE_IN_QUOTED = 3;

    // scanRecord() outcomes
    private static final int END_OF_FILE = 0;

    private static final int RECORD = 1;

    private static final int BROKEN = 2;

    private final Path file;

    private final String encodingName;

    private String name = DEFAULT_NAME;

    private final byte[] buffer = new byte[BUFFER_SIZE];

    private final ByteBuffer byteBuffer = ByteBuffer.wrap(buffer);

    private final RFC4180Parser parser = new RFC4180Parser();

    private final CharsetDecoder decoder;

    private FileChannel channel;

    private long fileSize;

    private long bufferStart; // file offset of buffer[0]

    private int bufferPos;

    private int bufferLimit;

    private long line; // physical line number of the byte at the current position

    private long endOffset = Long.MAX_VALUE; // a range's end: read() returns null once
                                             // the position reaches it

    private boolean skipping; // split(): scan records without keeping their bytes

    private CsvHeader header;

    private int[] columnIndex; // index in the file of each RequestFields.COLUMNS entry

    // the record being scanned
    private byte[] record = new byte[1024];

    private int recordLength;

    private int recordFields;

    private long recordLine;

    private long recordSecondLine; // offset where the record's second physical line
                                   // starts, or -1

    private boolean recordQuoteError;

    private String recordProblem;

    private CharBuffer chars = CharBuffer.allocate(1024);

    /**
     * @param file the request file
     * @param charset UTF-8 or MS949, as returned by {@link InputEncoding#resolve}
     * @throws IllegalArgumentException for any other charset
     */
    public RequestFileReader(Path file, Charset charset) {
        this.file = Objects.requireNonNull(file, "file");
        this.encodingName = InputEncoding.canonicalName(charset);
        this.decoder = charset.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /**
     * Reads and validates the header of a request file without reading any record: the
     * pre-check run before the job stages anything. Unlike {@link #open}, it logs
     * nothing: unknown columns are returned in {@link CsvHeader#unknownColumns()}. A file
     * without a header row (zero bytes, or only blank lines) yields an
     * {@linkplain CsvHeader#isEmpty() empty} header.
     * @throws InputFileException if the file is missing or unreadable, or its header is
     * unusable
     */
    public static CsvHeader inspectHeader(Path file, Charset charset) {
        RequestFileReader reader = new RequestFileReader(file, charset);
        try {
            reader.openFile();
            return reader.readHeader();
        }
        finally {
            reader.close();
        }
    }

    /**
     * The name prefixing this reader's keys in the execution context (default
     * "requestFileReader").
     */
    public void setName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        this.name = name;
    }

    /**
     * A part of a request file: the records that start at or after {@code startOffset}
     * and before {@code endOffset}; {@code startLine} is the physical line number at
     * {@code startOffset}.
     */
    public record Range(long startOffset, long startLine, long endOffset) {

        /**
         * Puts the range in the execution context a reader of {@linkplain #DEFAULT_NAME
         * the default name} opens with.
         */
        public ExecutionContext toContext() {
            ExecutionContext context = new ExecutionContext();
            context.putLong(DEFAULT_NAME + ".startOffset", startOffset);
            context.putLong(DEFAULT_NAME + ".startLine", startLine);
            context.putLong(DEFAULT_NAME + ".endOffset", endOffset);
            return context;
        }
    }

    /**
     * Splits the records of a request file into {@code parts} contiguous ranges of about
     * equal size in bytes, in file order. The boundaries are found by scanning the
     * records from the start without decoding them (quoted line breaks, blank lines and
     * malformed records are stepped over exactly as {@link #read} steps over them), so a
     * range always starts between two records. Ranges may be empty (a small file); a file
     * without records gives {@code parts} empty ranges after its header.
     * @throws InputFileException if the file is missing or unreadable, or its header is
     * unusable
     */
    public static List<Range> split(Path file, Charset charset, int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be at least 1: " + parts);
        }
        RequestFileReader reader = new RequestFileReader(file, charset);
        try {
            reader.openFile();
            reader.header = reader.readHeader();
            reader.skipping = true;
            long firstOffset = reader.position();
            long[] offsets = new long[parts + 1];
            long[] lines = new long[parts + 1];
            offsets[0] = firstOffset;
            lines[0] = reader.line;
            boolean more = !reader.header.isEmpty();
            for (int k = 1; k < parts; k++) {
                long target = firstOffset + (reader.fileSize - firstOffset) * k / parts;
                while (more && reader.position() < target) {
                    more = reader.next() != END_OF_FILE;
                }
                offsets[k] = reader.position();
                lines[k] = reader.line;
            }
            offsets[parts] = Long.MAX_VALUE;
            List<Range> ranges = new ArrayList<>(parts);
            for (int k = 0; k < parts; k++) {
                ranges.add(new Range(offsets[k], lines[k], offsets[k + 1]));
            }
            return ranges;
        }
        catch (IOException e) {
            throw new InputFileException("Request file '" + file + "' could not be read (" + e
                    + "). Check that the file is complete and readable, then run the job again.", e);
        }
        finally {
            reader.close();
        }
    }

    /** The header read by {@link #open}, or {@code null} before it. */
    public CsvHeader header() {
        return header;
    }

    @Override
    public void open(ExecutionContext executionContext) throws ItemStreamException {
        close();
        boolean opened = false;
        try {
            openFile();
            header = readHeader();
            if (!header.unknownColumns().isEmpty()) {
                // By position only: a header that swallowed a record holds its values.
                log.warn("Request file {} has {} column(s) that are not request fields and will be ignored, at "
                        + "position(s) {}", file, header.unknownColumns().size(), header.unknownColumns());
            }
            restorePosition(executionContext);
            opened = true;
        }
        catch (IOException e) {
            throw new InputFileException("Request file '" + file + "' could not be read (" + e
                    + "). Check that the file is complete and readable, then run the job again.", e);
        }
        finally {
            if (!opened) {
                close();
            }
        }
    }

    @Override
    public void update(ExecutionContext executionContext) throws ItemStreamException {
        if (channel == null) {
            return;
        }
        executionContext.putLong(key("offset"), position());
        executionContext.putLong(key("line"), line);
        executionContext.putLong(key("fileSize"), fileSize);
    }

    @Override
    public void close() throws ItemStreamException {
        FileChannel toClose = channel;
        channel = null;
        header = null;
        columnIndex = null;
        bufferStart = 0;
        bufferPos = 0;
        bufferLimit = 0;
        endOffset = Long.MAX_VALUE;
        if (toClose != null) {
            try {
                toClose.close();
            }
            catch (IOException e) {
                throw new ItemStreamException("Could not close request file " + file, e);
            }
        }
    }

    /**
     * The next record, or {@code null} at the end of the file.
     * @throws IllegalStateException if the reader is not open
     * @throws ItemStreamException if the file cannot be read any more
     */
    @Override
    public SourceRecord read() {
        if (channel == null) {
            throw new IllegalStateException("RequestFileReader for " + file + " is not open");
        }
        if (header.isEmpty() || position() >= endOffset) {
            return null;
        }
        try {
            int outcome = next();
            if (outcome == END_OF_FILE) {
                return null;
            }
            if (outcome == BROKEN) {
                return SourceRecord.malformed(recordLine, recordProblem);
            }
            int expected = header.columns().size();
            if (recordQuoteError || recordFields != expected) {
                String problem = recordQuoteError ? "malformed quoting"
                        : "wrong number of columns: " + recordFields + ", header has " + expected;
                return SourceRecord.malformed(recordLine, problem);
            }
            String text = decode();
            if (text == null) {
                return SourceRecord.malformed(recordLine, "undecodable bytes for encoding " + encodingName);
            }
            if (text.indexOf('\u0000') >= 0) {
                // Not a text record: nothing of it is kept, so no NUL reaches an output.
                return SourceRecord.malformed(recordLine, "NUL byte");
            }
            String[] cells = parse(text);
            if (cells == null || cells.length != recordFields) {
                return SourceRecord.malformed(recordLine, "malformed quoting");
            }
            String[] values = new String[columnIndex.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = cells[columnIndex[i]];
            }
            return SourceRecord.parsed(recordLine, RequestFields.of(Arrays.asList(values)));
        }
        catch (IOException e) {
            throw new ItemStreamException("Could not read request file " + file + " at byte " + position(), e);
        }
    }

    // -----------------------------------------------------------------------------------------------
    // opening

    private void openFile() {
        if (!Files.exists(file)) {
            throw new InputFileException("Request file '" + file
                    + "' does not exist. Check the file name and that the upload finished, then run the job again.");
        }
        if (Files.isDirectory(file)) {
            throw new InputFileException(
                    "Request file '" + file + "' is a directory, not a file. Give the path of the CSV file itself.");
        }
        if (!Files.isRegularFile(file)) {
            // A pipe or a device would block the job (or never end), holding the
            // database.
            throw new InputFileException("Request file '" + file + "' is not a regular file (a pipe, a device or a "
                    + "socket); copy the requests into a file and give its path.");
        }
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            fileSize = channel.size();
        }
        catch (NoSuchFileException e) {
            throw new InputFileException("Request file '" + file
                    + "' does not exist. Check the file name and that the upload finished, then run the job again.", e);
        }
        catch (AccessDeniedException e) {
            throw new InputFileException("Request file '" + file + "' cannot be read: permission denied. "
                    + "Give the batch user read access to the file, then run the job again.", e);
        }
        catch (IOException e) {
            throw new InputFileException("Request file '" + file + "' cannot be opened (" + e
                    + "). Check that it is a readable regular file, then run the job again.", e);
        }
        bufferStart = 0;
        bufferPos = 0;
        bufferLimit = 0;
        line = 1;
    }

    private CsvHeader readHeader() {
        try {
            boolean bom = skipByteOrderMark();
            int outcome = scanRecord();
            if (outcome == END_OF_FILE) {
                columnIndex = new int[0];
                return CsvHeader.none(bom);
            }
            if (outcome == BROKEN || recordQuoteError) {
                throw new InputFileException("Request file '" + file + "' has an unreadable header row (line "
                        + recordLine + "): " + (outcome == BROKEN ? recordProblem : "malformed quoting")
                        + ". The first line must list the column names separated by commas; fix it and submit the "
                        + "file again.");
            }
            String text = decode();
            if (text == null) {
                throw new InputFileException("Request file '" + file + "' has a header row (line " + recordLine
                        + ") that is not valid " + encodingName + ". The file is probably in another encoding: "
                        + "save it as UTF-8 or MS949 and run the job with that encoding.");
            }
            String[] cells = parse(text);
            if (cells == null) {
                throw new InputFileException("Request file '" + file + "' has an unreadable header row (line "
                        + recordLine + "): malformed quoting. Fix the header and submit the file again.");
            }
            return buildHeader(cells, bom, recordLine);
        }
        catch (IOException e) {
            throw new InputFileException("Request file '" + file + "' could not be read (" + e
                    + "). Check that the file is complete and readable, then run the job again.", e);
        }
    }

    private boolean skipByteOrderMark() throws IOException {
        byte[] first = new byte[3];
        int n = 0;
        while (n < 3 && (bufferPos < bufferLimit || fill())) {
            first[n++] = buffer[bufferPos++];
        }
        boolean utf8Bom = n == 3 && Arrays.equals(first, UTF8_BOM);
        if (utf8Bom && !"UTF-8".equals(encodingName)) {
            throw new InputFileException("Request file '" + file + "' starts with a UTF-8 byte-order mark but was "
                    + "submitted as " + encodingName + ". Run the job with encoding UTF-8, or save the file as "
                    + encodingName + " without a byte-order mark.");
        }
        if (n >= 2 && ((first[0] == (byte) 0xFF && first[1] == (byte) 0xFE)
                || (first[0] == (byte) 0xFE && first[1] == (byte) 0xFF))) {
            throw new InputFileException("Request file '" + file + "' is encoded in UTF-16, which is not supported. "
                    + "Save it as UTF-8 or MS949 and submit it again.");
        }
        seek(utf8Bom ? 3 : 0);
        return utf8Bom;
    }

    private CsvHeader buildHeader(String[] cells, boolean bom, long headerLine) {
        Map<String, Integer> found = new HashMap<>();
        Set<String> seen = new HashSet<>();
        Set<String> duplicateKnown = new LinkedHashSet<>();
        List<Integer> duplicateUnknown = new ArrayList<>();
        List<Integer> unknown = new ArrayList<>();
        for (int i = 0; i < cells.length; i++) {
            String trimmed = cells[i].trim();
            String lower = trimmed.toLowerCase(Locale.ROOT);
            String known = KNOWN_COLUMNS.get(lower);
            boolean duplicate = !seen.add(lower);
            if (known != null) {
                if (duplicate) {
                    duplicateKnown.add(known);
                }
                else {
                    found.put(known, i);
                }
            }
            else if (duplicate) {
                duplicateUnknown.add(i + 1);
            }
            else {
                unknown.add(i + 1);
            }
        }
        if (!duplicateKnown.isEmpty()) {
            throw duplicateColumns(duplicateKnown, headerLine);
        }
        List<String> missing = new ArrayList<>();
        for (String column : RequestFields.COLUMNS) {
            if (!found.containsKey(column)) {
                missing.add(column);
            }
        }
        if (!missing.isEmpty()) {
            // Never echo the cells here: when the header row is missing they are the
            // first request's data.
            String hint = found.isEmpty()
                    ? " None of the expected columns was found: the file may have no header row, use a separator "
                            + "other than ',', or not be in " + encodingName + "."
                    : "";
            throw new InputFileException("Request file '" + file + "' is missing required column"
                    + (missing.size() == 1 ? " " : "s ") + missing + " in its header row (line " + headerLine + ")."
                    + hint + " The header must name all " + RequestFields.COLUMNS.size() + " columns "
                    + String.join(", ", RequestFields.COLUMNS)
                    + " (any order, any case; other columns are ignored). Fix the header and submit the file again.");
        }
        if (!duplicateUnknown.isEmpty()) {
            // Never the names: a header that swallowed a record would echo its values.
            throw new InputFileException("Request file '" + file + "' repeats, at column position(s) "
                    + duplicateUnknown + " of " + cells.length + ", the name of an earlier column in its header row "
                    + "(line " + headerLine + "). Each column must appear exactly once: check that the header is a "
                    + "line of its own, remove the duplicate and submit the file again.");
        }
        Map<String, Integer> positions = new LinkedHashMap<>();
        columnIndex = new int[RequestFields.COLUMNS.size()];
        for (int i = 0; i < columnIndex.length; i++) {
            String column = RequestFields.COLUMNS.get(i);
            positions.put(column, found.get(column));
            columnIndex[i] = found.get(column);
        }
        return new CsvHeader(Arrays.asList(cells), positions, unknown, bom);
    }

    /** Only known column names are named: they are the fixed names, never data. */
    private InputFileException duplicateColumns(Set<String> columns, long headerLine) {
        return new InputFileException("Request file '" + file + "' names column" + (columns.size() == 1 ? " " : "s ")
                + columns + " more than once in its header row (line " + headerLine + "). Each column must appear "
                + "exactly once (names are compared ignoring case and surrounding spaces): remove the duplicate and "
                + "submit the file again.");
    }

    private void restorePosition(ExecutionContext context) throws IOException {
        if (context.containsKey(key("endOffset"))) {
            endOffset = context.getLong(key("endOffset"));
        }
        if (!context.containsKey(key("offset"))) {
            if (context.containsKey(key("startOffset")) && !header.isEmpty()) {
                startRange(context.getLong(key("startOffset")), context.getLong(key("startLine")));
            }
            return;
        }
        long offset = context.getLong(key("offset"));
        long savedLine = context.getLong(key("line"), -1);
        long savedSize = context.getLong(key("fileSize"), fileSize);
        if (savedSize != fileSize) {
            throw new InputFileException("Request file '" + file + "' has changed since the interrupted run (it was "
                    + savedSize + " bytes, it is now " + fileSize + " bytes), so the run cannot be resumed where it "
                    + "stopped. Put the original file back to restart, or submit the new file as a new job.");
        }
        if (header.isEmpty()) {
            return;
        }
        if (offset < position() || offset > fileSize || savedLine < line) {
            throw new InputFileException("Request file '" + file + "' cannot be resumed: the saved position (byte "
                    + offset + ", line " + savedLine + ") does not fit the file. Put the original file back to "
                    + "restart, or submit the file as a new job.");
        }
        seek(offset);
        line = savedLine;
    }

    /** A range's first open: its start must lie after the header, within the file. */
    private void startRange(long startOffset, long startLine) throws IOException {
        if (startOffset < position() || startOffset > fileSize || startLine < line) {
            throw new InputFileException("Request file '" + file + "' does not fit the part of it this step was given "
                    + "(byte " + startOffset + ", line " + startLine + "): the file has changed since the run started. "
                    + "Put the original file back to restart, or submit the file as a new job.");
        }
        seek(startOffset);
        line = startLine;
    }

    private String key(String suffix) {
        return name + "." + suffix;
    }

    // -------------------------------------------------------------------------------------------
    // byte level

    private long position() {
        return bufferStart + bufferPos;
    }

    private boolean fill() throws IOException {
        bufferStart += bufferLimit;
        bufferPos = 0;
        bufferLimit = 0;
        byteBuffer.clear();
        int n;
        do {
            n = channel.read(byteBuffer);
        }
        while (n == 0);
        if (n < 0) {
            return false;
        }
        bufferLimit = n;
        return true;
    }

    private void seek(long offset) throws IOException {
        channel.position(offset);
        bufferStart = offset;
        bufferPos = 0;
        bufferLimit = 0;
    }

    /** Consumes an LF directly following a CR (the two form one line break). */
    private void skipLineFeedAfterCarriageReturn() throws IOException {
        if ((bufferPos < bufferLimit || fill()) && buffer[bufferPos] == '\n') {
            bufferPos++;
        }
    }

    private void append(byte b) {
        if (!skipping) {
            if (recordLength == record.length) {
                record = Arrays.copyOf(record, Math.min(record.length * 2, MAX_RECORD_BYTES));
            }
            record[recordLength] = b;
        }
        recordLength++;
    }

    /**
     * Scans the next record and leaves the position where the following one starts: after
     * its line break, or, for a record whose quoting or column count is wrong and that
     * spans several physical lines, at its second line.
     */
    private int next() throws IOException {
        int outcome = scanRecord();
        if (outcome == RECORD && (recordQuoteError || recordFields != header.columns().size())
                && recordSecondLine >= 0) {
            resumeAtSecondLine();
        }
        return outcome;
    }

    /**
     * Scans the next record's bytes into {@link #record}, skipping blank lines, and
     * leaves the position after its line break. Returns {@link #BROKEN} (with
     * {@link #recordProblem} set and the position already moved to where reading resumes)
     * for an unterminated quote or an over-long record.
     */
    private int scanRecord() throws IOException {
        recordLength = 0;
        recordFields = 1;
        recordQuoteError = false;
        recordSecondLine = -1;
        recordProblem = null;
        recordLine = line;
        int state = FIELD_START;
        while (true) {
            if (bufferPos == bufferLimit && !fill()) {
                if (state == QUOTED) {
                    return broken("unterminated quoted field");
                }
                return recordLength == 0 ? END_OF_FILE : RECORD;
            }
            byte b = buffer[bufferPos++];
            if (state == QUOTED) {
                if (b == '"') {
                    state = QUOTE_IN_QUOTED;
                }
                else if (b == '\r' || b == '\n') {
                    line++;
                    boolean crlf = b == '\r' && (bufferPos < bufferLimit || fill()) && buffer[bufferPos] == '\n';
                    if (crlf) {
                        bufferPos++;
                    }
                    if (recordSecondLine < 0) {
                        recordSecondLine = position();
                    }
                    if (recordLength + (crlf ? 2 : 1) > MAX_RECORD_BYTES) {
                        return broken("unterminated quoted field");
                    }
                    append(b);
                    if (crlf) {
                        append((byte) '\n');
                    }
                    continue;
                }
            }
            else if (b == '\n' || b == '\r') {
                line++;
                if (b == '\r') {
                    skipLineFeedAfterCarriageReturn();
                }
                if (recordLength == 0) { // blank line
                    recordLine = line;
                    continue;
                }
                return RECORD;
            }
            else if (b == ',') {
                recordFields++;
                state = FIELD_START;
            }
            else if (b == '"') {
                if (state == FIELD_START || state == QUOTE_IN_QUOTED) {
                    state = QUOTED; // opening quote, or the second quote of an escaped ""
                }
                else {
                    recordQuoteError = true; // quote inside an unquoted field
                }
            }
            else {
                if (state == QUOTE_IN_QUOTED) {
                    recordQuoteError = true; // text after a closing quote
                }
                state = UNQUOTED;
            }
            if (recordLength == MAX_RECORD_BYTES) {
                return broken(state == QUOTED ? "unterminated quoted field"
                        : "record longer than " + MAX_RECORD_BYTES + " bytes");
            }
            append(b);
        }
    }

    /**
     * Gives up on the current record: it will be reported as covering only its first
     * physical line, and reading resumes at the start of its second physical line.
     */
    private int broken(String problem) throws IOException {
        recordProblem = problem;
        if (recordSecondLine >= 0) {
            resumeAtSecondLine();
        }
        else {
            // still on the record's first line: skip the rest of it
            while (bufferPos < bufferLimit || fill()) {
                byte b = buffer[bufferPos++];
                if (b == '\n' || b == '\r') {
                    line++;
                    if (b == '\r') {
                        skipLineFeedAfterCarriageReturn();
                    }
                    break;
                }
            }
        }
        return BROKEN;
    }

    private void resumeAtSecondLine() throws IOException {
        seek(recordSecondLine);
        line = recordLine + 1;
    }

    /**
     * The current record decoded strictly, or {@code null} if it holds bytes that are not
     * valid in the charset.
     */
    private String decode() {
        int capacity = (int) Math.ceil(recordLength * (double) decoder.maxCharsPerByte()) + 1;
        if (chars.capacity() < capacity) {
            chars = CharBuffer.allocate(Math.max(capacity, chars.capacity() * 2));
        }
        chars.clear();
        decoder.reset();
        ByteBuffer in = ByteBuffer.wrap(record, 0, recordLength);
        CoderResult result = decoder.decode(in, chars, true);
        if (result.isUnderflow()) {
            result = decoder.flush(chars);
        }
        if (!result.isUnderflow()) {
            return null; // malformed or unmappable (overflow cannot happen: the buffer is
                         // large enough)
        }
        return new String(chars.array(), 0, chars.position());
    }

    private String[] parse(String text) {
        try {
            return parser.parseLine(text);
        }
        catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "RequestFileReader[" + file + ", " + encodingName + "]";
    }

}
