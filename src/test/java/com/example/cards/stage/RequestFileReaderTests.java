package com.example.cards.stage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.example.cards.request.InputEncoding;
import com.example.cards.request.RequestFields;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestFileReaderTests {

    private static final Charset UTF8 = StandardCharsets.UTF_8;

    private static final Charset MS949 = Charset.forName("x-windows-949");

    private static final String HEADER = String.join(",", RequestFields.COLUMNS);

    @TempDir
    Path dir;

    // ------------------------------------------------------------------------------------------------
    // helpers

    /** A synthetic request row in COLUMNS order; the RRN is fake. */
    private static List<String> values(String id) {
        return List.of(id, "user" + id, "홍길동", "HONG GILDONG", "9001011234567", "01012345678", "N", "088",
                "110123456789", "SVC01", "NEW", "Y", "Y", "04524", "서울특별시 중구 세종대로 110", "101동 1001호");
    }

    private static String row(String id) {
        return String.join(",", values(id));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private Path write(String name, String content, Charset charset) throws IOException {
        return write(name, content.getBytes(charset));
    }

    private Path utf8(String content) throws IOException {
        return write("requests.csv", content, UTF8);
    }

    private static List<SourceRecord> readAll(Path file, Charset charset) throws Exception {
        RequestFileReader reader = new RequestFileReader(file, charset);
        reader.open(new ExecutionContext());
        try {
            return drain(reader);
        }
        finally {
            reader.close();
        }
    }

    private static List<SourceRecord> drain(RequestFileReader reader) throws Exception {
        List<SourceRecord> records = new ArrayList<>();
        for (SourceRecord r = reader.read(); r != null; r = reader.read()) {
            records.add(r);
        }
        return records;
    }

    private static List<Long> lines(List<SourceRecord> records) {
        return records.stream().map(SourceRecord::lineNo).toList();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    // --------------------------------------------------------------------------------------------------
    // header

    @Test
    void readsRecordsWithAllFieldsInColumnOrder() throws Exception {
        List<SourceRecord> records = readAll(utf8(HEADER + "\n" + row("R1") + "\n" + row("R2") + "\n"), UTF8);

        assertThat(records).hasSize(2);
        assertThat(records.get(0)).isEqualTo(SourceRecord.parsed(2, RequestFields.of(values("R1"))));
        assertThat(records.get(1)).isEqualTo(SourceRecord.parsed(3, RequestFields.of(values("R2"))));
    }

    @Test
    void headerInAnotherOrderAndCaseWithSpaces() throws Exception {
        List<String> columns = new ArrayList<>(RequestFields.COLUMNS);
        Collections.reverse(columns);
        List<String> header = columns.stream().map(c -> "  " + c.toUpperCase() + " ").toList();
        List<String> cells = new ArrayList<>(values("R1"));
        Collections.reverse(cells);
        Path file = utf8(String.join(",", header) + "\n" + String.join(",", cells) + "\n");

        List<SourceRecord> records = readAll(file, UTF8);

        assertThat(records).containsExactly(SourceRecord.parsed(2, RequestFields.of(values("R1"))));
        CsvHeader inspected = RequestFileReader.inspectHeader(file, UTF8);
        assertThat(inspected.positions()).containsEntry("requestId", 15).containsEntry("addressDetail", 0);
        assertThat(inspected.positions().keySet()).containsExactlyElementsOf(RequestFields.COLUMNS);
        assertThat(inspected.columns()).isEqualTo(header);
        assertThat(inspected.bom()).isFalse();
    }

    @Test
    void unknownColumnIsIgnoredWithOneWarning() throws Exception {
        Path file = utf8("memo," + HEADER + ",Extra\nsome memo," + row("R1") + ",x\n");
        Logger logger = (Logger) LoggerFactory.getLogger(RequestFileReader.class);
        Level level = logger.getLevel();
        logger.setLevel(Level.INFO); // whatever an earlier test in this JVM set the
                                     // package to
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            RequestFileReader reader = new RequestFileReader(file, UTF8);
            reader.open(new ExecutionContext());
            List<SourceRecord> records = drain(reader);
            reader.close();

            assertThat(records).containsExactly(SourceRecord.parsed(2, RequestFields.of(values("R1"))));
            assertThat(appender.list).hasSize(1);
            ILoggingEvent warning = appender.list.get(0);
            assertThat(warning.getLevel()).isEqualTo(Level.WARN);
            // By position and count, never by name: a header that swallowed a record
            // holds
            // its values.
            assertThat(warning.getFormattedMessage()).contains("2 column(s)", "position(s) [1, 18]", file.toString())
                .doesNotContain("memo", "Extra");
        }
        finally {
            logger.setLevel(level);
            logger.detachAppender(appender);
        }
        assertThat(RequestFileReader.inspectHeader(file, UTF8).unknownColumns()).containsExactly(1, 18);
    }

    @Test
    void missingColumnsAreAllNamedWithTheFile() throws Exception {
        String header = HEADER.replace("userName,", "").replace("socialNo,", "").replace(",addressDetail", "");
        Path file = utf8(header + "\n");

        assertThatThrownBy(() -> new RequestFileReader(file, UTF8).open(new ExecutionContext()))
            .isInstanceOf(InputFileException.class)
            .hasMessageContaining("[userName, socialNo, addressDetail]")
            .hasMessageContaining(file.toString());
        assertThatThrownBy(() -> RequestFileReader.inspectHeader(file, UTF8)).isInstanceOf(InputFileException.class)
            .hasMessageContaining("[userName, socialNo, addressDetail]");
    }

    @Test
    void fileWithoutHeaderRowDoesNotEchoTheDataInTheError() throws Exception {
        Path file = utf8(row("R1") + "\n" + row("R2") + "\n");

        assertThatThrownBy(() -> RequestFileReader.inspectHeader(file, UTF8)).isInstanceOf(InputFileException.class)
            .hasMessageContaining("no header row")
            .hasMessageNotContaining("9001011234567")
            .hasMessageNotContaining("홍길동");
    }

    @Test
    void duplicatedColumnIsAnError() throws Exception {
        Path file = utf8(HEADER + ",USERID\n");

        assertThatThrownBy(() -> RequestFileReader.inspectHeader(file, UTF8)).isInstanceOf(InputFileException.class)
            .hasMessageContaining("[userId]")
            .hasMessageContaining("more than once")
            .hasMessageContaining(file.toString());
    }

    @Test
    void duplicatedUnknownColumnIsAnError() throws Exception {
        Path file = utf8(HEADER + ",memo,Memo\n");

        assertThatThrownBy(() -> RequestFileReader.inspectHeader(file, UTF8)).isInstanceOf(InputFileException.class)
            .hasMessageContaining("at column position(s) [18] of 18")
            .hasMessageNotContaining("memo")
            .hasMessageNotContaining("Memo");
    }

    @Test
    void utf8ByteOrderMarkIsStripped() throws Exception {
        byte[] content = (HEADER + "\r\n" + row("R1") + "\r\n").getBytes(UTF8);
        Path file = write("bom.csv", concat(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }, content));

        assertThat(readAll(file, UTF8)).containsExactly(SourceRecord.parsed(2, RequestFields.of(values("R1"))));
        CsvHeader header = RequestFileReader.inspectHeader(file, UTF8);
        assertThat(header.bom()).isTrue();
        assertThat(header.columns().get(0)).isEqualTo("requestId");
    }

    @Test
    void utf8ByteOrderMarkInFileDeclaredMs949IsAnError() throws Exception {
        byte[] content = (HEADER + "\n").getBytes(UTF8);
        Path file = write("bom.csv", concat(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }, content));

        assertThatThrownBy(() -> RequestFileReader.inspectHeader(file, MS949)).isInstanceOf(InputFileException.class)
            .hasMessageContaining("byte-order mark")
            .hasMessageContaining("MS949");
    }

    @Test
    void undecodableHeaderIsAnError() throws Exception {
        Path file = write("bad.csv", concat(new byte[] { (byte) 0xC3, 0x28 }, (HEADER + "\n").getBytes(UTF8)));

        assertThatThrownBy(() -> RequestFileReader.inspectHeader(file, UTF8)).isInstanceOf(InputFileException.class)
            .hasMessageContaining("not valid UTF-8")
            .hasMessageContaining(file.toString());
    }

    @Test
    void missingFileOrDirectoryIsAnError() {
        Path missing = dir.resolve("nope.csv");
        assertThatThrownBy(() -> new RequestFileReader(missing, UTF8).open(new ExecutionContext()))
            .isInstanceOf(InputFileException.class)
            .hasMessageContaining("does not exist")
            .hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> RequestFileReader.inspectHeader(dir, UTF8)).isInstanceOf(InputFileException.class)
            .hasMessageContaining("is a directory");
    }

    // -------------------------------------------------------------------------------------
    // empty and blank lines

    @Test
    void emptyFileHasNoRecords() throws Exception {
        Path file = write("empty.csv", new byte[0]);

        assertThat(readAll(file, UTF8)).isEmpty();
        assertThat(RequestFileReader.inspectHeader(file, UTF8).isEmpty()).isTrue();
    }

    @Test
    void headerOnlyFileHasNoRecords() throws Exception {
        assertThat(readAll(utf8(HEADER), UTF8)).isEmpty();
        assertThat(readAll(utf8(HEADER + "\r\n"), UTF8)).isEmpty();
        assertThat(readAll(utf8(HEADER + "\n\n\n"), UTF8)).isEmpty();
    }

    @Test
    void blankLinesAreSkippedButCounted() throws Exception {
        Path file = utf8(HEADER + "\n\n" + row("R1") + "\r\n\r\n\r\n" + row("R2") + "\n\n\n");

        List<SourceRecord> records = readAll(file, UTF8);

        assertThat(lines(records)).containsExactly(3L, 6L);
        assertThat(records).noneMatch(SourceRecord::isMalformed);
    }

    @Test
    void lastRecordWithoutLineBreakIsRead() throws Exception {
        assertThat(lines(readAll(utf8(HEADER + "\n" + row("R1") + "\n" + row("R2")), UTF8))).containsExactly(2L, 3L);
    }

    @Test
    void lineOfOnlyCommasIsARecordWithEmptyFields() throws Exception {
        List<SourceRecord> records = readAll(utf8(HEADER + "\n" + ",".repeat(15) + "\n"), UTF8);

        assertThat(records).hasSize(1);
        assertThat(records.get(0).isMalformed()).isFalse();
        assertThat(records.get(0).fields().values()).hasSize(16).allMatch(""::equals);
    }

    @Test
    void cellValuesAreNotTrimmed() throws Exception {
        List<String> cells = new ArrayList<>(values("R1"));
        cells.set(2, "  홍길동 ");
        cells.set(15, " ");
        List<SourceRecord> records = readAll(utf8(HEADER + "\n" + String.join(",", cells) + "\n"), UTF8);

        assertThat(records.get(0).fields().userName()).isEqualTo("  홍길동 ");
        assertThat(records.get(0).fields().addressDetail()).isEqualTo(" ");
    }

    // ------------------------------------------------------------------------------------------------
    // line breaks

    @Test
    void crlfLineBreaks() throws Exception {
        Path file = utf8(HEADER + "\r\n" + row("R1") + "\r\n" + row("R2") + "\r\n");

        List<SourceRecord> records = readAll(file, UTF8);

        assertThat(lines(records)).containsExactly(2L, 3L);
        assertThat(records.get(1).fields().addressDetail()).isEqualTo("101동 1001호");
    }

    @Test
    void mixedLineBreaksIncludingLoneCr() throws Exception {
        Path file = utf8(HEADER + "\r\n" + row("R1") + "\n" + row("R2") + "\r" + row("R3") + "\r\n" + row("R4"));

        List<SourceRecord> records = readAll(file, UTF8);

        assertThat(lines(records)).containsExactly(2L, 3L, 4L, 5L);
        assertThat(records).noneMatch(SourceRecord::isMalformed);
        assertThat(records).extracting(r -> r.fields().requestId()).containsExactly("R1", "R2", "R3", "R4");
        assertThat(records).extracting(r -> r.fields().addressDetail()).containsOnly("101동 1001호");
    }

    @Test
    void quotedLineBreaksBelongToTheFieldAndAreCounted() throws Exception {
        List<String> cells = new ArrayList<>(values("R2"));
        cells.set(14, "\"서울특별시 중구\n세종대로 110\r\n2층\"");
        Path file = utf8(HEADER + "\n" + row("R1") + "\n" + String.join(",", cells) + "\n" + row("R3") + "\n");

        List<SourceRecord> records = readAll(file, UTF8);

        assertThat(lines(records)).containsExactly(2L, 3L, 6L);
        assertThat(records.get(1).fields().address()).isEqualTo("서울특별시 중구\n세종대로 110\r\n2층");
        assertThat(records.get(2).fields().requestId()).isEqualTo("R3");
    }

    @Test
    void escapedQuotes() throws Exception {
        List<String> cells = new ArrayList<>(values("R1"));
        cells.set(3, "\"HONG \"\"GD\"\", JR\"");
        cells.set(15, "\"\"");
        cells.set(14, "\"\"\"\"");
        List<SourceRecord> records = readAll(utf8(HEADER + "\n" + String.join(",", cells) + "\n"), UTF8);

        assertThat(records).hasSize(1);
        assertThat(records.get(0).fields().engName()).isEqualTo("HONG \"GD\", JR");
        assertThat(records.get(0).fields().address()).isEqualTo("\"");
        assertThat(records.get(0).fields().addressDetail()).isEmpty();
    }

    // --------------------------------------------------------------------------------------------
    // malformed rows

    @Test
    void wrongNumberOfColumns() throws Exception {
        List<String> short14 = values("R2").subList(0, 14);
        Path file = utf8(HEADER + "\n" + row("R1") + "\n" + String.join(",", short14) + "\n" + row("R3") + ",x\n"
                + row("R4") + "\n");

        List<SourceRecord> records = readAll(file, UTF8);

        assertThat(records).hasSize(4);
        assertThat(records.get(1)).isEqualTo(SourceRecord.malformed(3, "wrong number of columns: 14, header has 16"));
        assertThat(records.get(2)).isEqualTo(SourceRecord.malformed(4, "wrong number of columns: 17, header has 16"));
        assertThat(records.get(3)).isEqualTo(SourceRecord.parsed(5, RequestFields.of(values("R4"))));
    }

    @Test
    void unterminatedQuoteInTheMiddleDoesNotSwallowTheRest() throws Exception {
        List<String> broken = new ArrayList<>(values("R2"));
        broken.set(14, "\"서울특별시 중구 세종대로 110");
        Path file = utf8(HEADER + "\n" + row("R1") + "\n" + String.join(",", broken) + "\n" + row("R3") + "\r\n\n"
                + row("R4") + "\n");

        List<SourceRecord> records = readAll(file, UTF8);

        assertThat(records).containsExactly(SourceRecord.parsed(2, RequestFields.of(values("R1"))),
                SourceRecord.malformed(3, "unterminated quoted field"),
                SourceRecord.parsed(4, RequestFields.of(values("R3"))),
                SourceRecord.parsed(6, RequestFields.of(values("R4"))));
    }

    @Test
    void unterminatedQuoteFollowedByQuotedFieldsDoesNotSwallowTheRest() throws Exception {
        List<String> broken = new ArrayList<>(values("R2"));
        broken.set(14, "\"서울특별시 중구 세종대로 110");
        List<String> quoted = new ArrayList<>(values("R3"));
        quoted.set(14, "\"서울특별시, 중구\"");
        Path file = utf8(
                HEADER + "\n" + String.join(",", broken) + "\n" + String.join(",", quoted) + "\n" + row("R4") + "\n");

        List<SourceRecord> records = readAll(file, UTF8);

        assertThat(lines(records)).containsExactly(2L, 3L, 4L);
        assertThat(records.get(0).isMalformed()).isTrue();
        assertThat(records.get(1).fields().address()).isEqualTo("서울특별시, 중구");
        assertThat(records.get(2).fields().requestId()).isEqualTo("R4");
    }

    @Test
    void quotedFieldLongerThan64KiBIsUnterminated() throws Exception {
        StringBuilder content = new StringBuilder(HEADER).append('\n').append(row("R1")).append('\n');
        content.append("R2,\"").append("x".repeat(70_000)).append('\n'); // line 3: opens
                                                                         // a quote, never
                                                                         // closes
        for (int i = 0; i < 2_000; i++) { // ~ 200 KB of good records after it
            content.append(row("S" + i)).append('\n');
        }
        List<SourceRecord> records = readAll(utf8(content.toString()), UTF8);

        assertThat(records).hasSize(2_002);
        assertThat(records.get(1)).isEqualTo(SourceRecord.malformed(3, "unterminated quoted field"));
        assertThat(records.subList(2, records.size())).noneMatch(SourceRecord::isMalformed);
        assertThat(records.get(2).lineNo()).isEqualTo(4);
        assertThat(records.get(2_001).lineNo()).isEqualTo(2_003);
    }

    @Test
    void multiLineQuotedFieldLongerThan64KiBIsReportedOnItsFirstLine() throws Exception {
        StringBuilder content = new StringBuilder(HEADER).append('\n');
        content.append("R1,\"start\n"); // line 2 opens a quote that no later line closes
        for (int i = 0; i < 1_000; i++) {
            content.append(row("S" + i)).append('\n'); // lines 3..1002, ~ 100 KB
        }
        List<SourceRecord> records = readAll(utf8(content.toString()), UTF8);

        assertThat(records).hasSize(1_001);
        assertThat(records.get(0)).isEqualTo(SourceRecord.malformed(2, "unterminated quoted field"));
        assertThat(records.subList(1, records.size())).noneMatch(SourceRecord::isMalformed);
        assertThat(lines(records.subList(1, 4))).containsExactly(3L, 4L, 5L);
    }

    @Test
    void multiLineRecordWithWrongColumnCountIsReportedOnItsFirstLineAndTheRestIsReread() throws Exception {
        List<String> cells = new ArrayList<>(values("R2").subList(0, 15));
        cells.set(14, "\"서울특별시\n중구\"");
        Path file = utf8(HEADER + "\n" + String.join(",", cells) + "\n" + row("R3") + "\n");

        List<SourceRecord> records = readAll(file, UTF8);

        // the continuation line "중구"" is re-read as a record of its own (malformed),
        // nothing is swallowed
        assertThat(records).containsExactly(SourceRecord.malformed(2, "wrong number of columns: 15, header has 16"),
                SourceRecord.malformed(3, "malformed quoting"), SourceRecord.parsed(4, RequestFields.of(values("R3"))));
    }

    @Test
    void strayQuotesAreMalformedQuoting() throws Exception {
        List<String> inside = new ArrayList<>(values("R1"));
        inside.set(3, "HONG\"GD");
        List<String> after = new ArrayList<>(values("R2"));
        after.set(3, "\"HONG\"GD");
        Path file = utf8(
                HEADER + "\n" + String.join(",", inside) + "\n" + String.join(",", after) + "\n" + row("R3") + "\n");

        List<SourceRecord> records = readAll(file, UTF8);

        assertThat(records).containsExactly(SourceRecord.malformed(2, "malformed quoting"),
                SourceRecord.malformed(3, "malformed quoting"), SourceRecord.parsed(4, RequestFields.of(values("R3"))));
    }

    @Test
    void invalidUtf8InOneRecordMakesOnlyThatRecordMalformed() throws Exception {
        byte[] bad = concat("R2,user,".getBytes(UTF8), new byte[] { (byte) 0xC3, 0x28 }, ",".repeat(13).getBytes(UTF8));
        Path file = write("requests.csv", concat((HEADER + "\n" + row("R1") + "\n").getBytes(UTF8), bad,
                ("\n" + row("R3") + "\n").getBytes(UTF8)));

        List<SourceRecord> records = readAll(file, UTF8);

        assertThat(records).containsExactly(SourceRecord.parsed(2, RequestFields.of(values("R1"))),
                SourceRecord.malformed(3, "undecodable bytes for encoding UTF-8"),
                SourceRecord.parsed(4, RequestFields.of(values("R3"))));
    }

    @Test
    void invalidMs949ByteMakesTheRecordMalformedNeverAQuestionMark() throws Exception {
        byte[] bad = concat("R2,user,".getBytes(MS949), new byte[] { (byte) 0x80 }, ",".repeat(13).getBytes(MS949));
        Path file = write("requests.csv", concat((HEADER + "\n" + row("R1") + "\n").getBytes(MS949), bad,
                ("\n" + row("R3") + "\n").getBytes(MS949)));

        List<SourceRecord> records = readAll(file, MS949);

        assertThat(records).containsExactly(SourceRecord.parsed(2, RequestFields.of(values("R1"))),
                SourceRecord.malformed(3, "undecodable bytes for encoding MS949"),
                SourceRecord.parsed(4, RequestFields.of(values("R3"))));
    }

    @Test
    void malformedMessagesNeverContainRecordContent() throws Exception {
        String rrn = "8812312345678";
        List<String> cells = new ArrayList<>(values("R1"));
        cells.set(4, rrn);
        String good = String.join(",", cells);
        String content = HEADER + "\n" + good + ",extra\n" // wrong column count
                + good.replace(rrn, "\"" + rrn + "\"x") + "\n" // text after closing quote
                + good.replace(rrn, rrn + "\"") + "\n" // quote inside unquoted field
                + good.replace(rrn, "\"" + rrn) + "\n"; // unterminated
        byte[] undecodable = concat(good.getBytes(UTF8), new byte[] { (byte) 0xFF }, "\n".getBytes(UTF8));
        Path file = write("requests.csv", concat(content.getBytes(UTF8), undecodable));

        List<SourceRecord> records = readAll(file, UTF8);

        assertThat(records).hasSize(5).allMatch(SourceRecord::isMalformed);
        for (SourceRecord r : records) {
            for (String cell : cells) {
                assertThat(r.problem()).doesNotContain(cell);
            }
            assertThat(r.problem()).doesNotContain(rrn);
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // MS949

    @Test
    void ms949FileWithHangul() throws Exception {
        List<String> cells = new ArrayList<>(values("R1"));
        cells.set(2, "김철수");
        Path file = write("ms949.csv", HEADER + "\r\n" + String.join(",", cells) + "\r\n", MS949);

        List<SourceRecord> records = readAll(file, InputEncoding.resolve("MS949"));

        assertThat(records).containsExactly(SourceRecord.parsed(2, RequestFields.of(cells)));
        assertThat(records.get(0).fields().address()).isEqualTo("서울특별시 중구 세종대로 110");
    }

    @Test
    void ms949FileReadWithEucKrNameKeepsSyllablesJavasEucKrLoses() throws Exception {
        List<String> cells = new ArrayList<>(values("R1"));
        cells.set(2, "박똠햏");
        cells.set(15, "\"똠,햏\"");
        Path file = write("euckr.csv", HEADER + "\n" + String.join(",", cells) + "\n", MS949);

        List<SourceRecord> viaEucKr = readAll(file, InputEncoding.resolve("EUC-KR"));
        List<SourceRecord> viaMs949 = readAll(file, InputEncoding.resolve("MS949"));

        assertThat(viaEucKr).isEqualTo(viaMs949);
        assertThat(viaEucKr.get(0).fields().userName()).isEqualTo("박똠햏");
        assertThat(viaEucKr.get(0).fields().addressDetail()).isEqualTo("똠,햏");
        assertThat(viaEucKr.get(0).fields().values()).noneMatch(v -> v.contains("?") || v.contains("\uFFFD"));
    }

    @Test
    void rejectsCharsetsOtherThanUtf8AndMs949() {
        assertThatThrownBy(() -> new RequestFileReader(dir.resolve("x.csv"), Charset.forName("EUC-KR")))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestFileReader(dir.resolve("x.csv"), StandardCharsets.UTF_16))
            .isInstanceOf(IllegalArgumentException.class);
    }

    // -------------------------------------------------------------------------------------------------
    // restart

    @Test
    void restartContinuesAtTheNextRecordWithCorrectLineNumbers() throws Exception {
        List<String> multiLine = new ArrayList<>(values("R2"));
        multiLine.set(14, "\"서울특별시\r\n중구\"");
        Path file = utf8(HEADER + "\r\n" + row("R1") + "\r\n" + String.join(",", multiLine) + "\r\n\r\n" + row("R3")
                + "\r\n" + row("R4") + "\r\n" + row("R5") + "\r\n");
        List<SourceRecord> all = readAll(file, UTF8);
        assertThat(lines(all)).containsExactly(2L, 3L, 6L, 7L, 8L);

        ExecutionContext context = new ExecutionContext();
        RequestFileReader first = new RequestFileReader(file, UTF8);
        first.open(context);
        first.read();
        first.read();
        first.read();
        first.update(context);
        first.close();
        assertThat(context.containsKey("requestFileReader.offset")).isTrue();
        assertThat(context.getLong("requestFileReader.line")).isEqualTo(7);

        RequestFileReader second = new RequestFileReader(file, UTF8);
        second.open(context);
        List<SourceRecord> rest = drain(second);
        second.close();

        assertThat(rest).isEqualTo(all.subList(3, 5));
        assertThat(rest.get(0)).isEqualTo(SourceRecord.parsed(7, RequestFields.of(values("R4"))));
    }

    @Test
    void restartUsesTheReadersName() throws Exception {
        Path file = utf8(HEADER + "\n" + row("R1") + "\n" + row("R2") + "\n");
        ExecutionContext context = new ExecutionContext();
        RequestFileReader first = new RequestFileReader(file, UTF8);
        first.setName("fileA");
        first.open(context);
        first.read();
        first.update(context);
        first.close();
        assertThat(context.getLong("fileA.line")).isEqualTo(3);

        RequestFileReader second = new RequestFileReader(file, UTF8);
        second.setName("fileA");
        second.open(context);
        assertThat(drain(second)).containsExactly(SourceRecord.parsed(3, RequestFields.of(values("R2"))));
        second.close();
    }

    @Test
    void restartAfterTheLastRecordReadsNothing() throws Exception {
        Path file = utf8(HEADER + "\n" + row("R1") + "\n\n");
        ExecutionContext context = new ExecutionContext();
        RequestFileReader first = new RequestFileReader(file, UTF8);
        first.open(context);
        drain(first);
        first.update(context);
        first.close();

        RequestFileReader second = new RequestFileReader(file, UTF8);
        second.open(context);
        assertThat(second.read()).isNull();
        second.close();
    }

    @Test
    void restartOnAChangedFileIsRefused() throws Exception {
        Path file = utf8(HEADER + "\n" + row("R1") + "\n" + row("R2") + "\n");
        ExecutionContext context = new ExecutionContext();
        RequestFileReader first = new RequestFileReader(file, UTF8);
        first.open(context);
        first.read();
        first.update(context);
        first.close();
        Files.writeString(file, HEADER + "\n" + row("R2") + "\n", UTF8);

        assertThatThrownBy(() -> new RequestFileReader(file, UTF8).open(context)).isInstanceOf(InputFileException.class)
            .hasMessageContaining("changed");
    }

    @Test
    void readBeforeOpenFails() {
        assertThatThrownBy(() -> new RequestFileReader(dir.resolve("x.csv"), UTF8).read())
            .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void recordsAcrossManyBufferRefillsAreIntact() throws Exception {
        StringBuilder content = new StringBuilder(HEADER).append("\r\n");
        List<String> multiLine = new ArrayList<>(values("M"));
        multiLine.set(14, "\"서울\r\n중구\"");
        int n = 5_000;
        for (int i = 0; i < n; i++) {
            content.append(i % 7 == 0 ? String.join(",", multiLine) : row("R" + i)).append("\r\n");
        }
        List<SourceRecord> records = readAll(utf8(content.toString()), UTF8);

        assertThat(records).hasSize(n).noneMatch(SourceRecord::isMalformed);
        long expectedLine = 2;
        for (int i = 0; i < n; i++) {
            assertThat(records.get(i).lineNo()).isEqualTo(expectedLine);
            expectedLine += i % 7 == 0 ? 2 : 1;
        }
    }

    // ------------------------------------------------------------------------------------------------
    // ranges

    /**
     * Blank lines, every kind of line break, quoted line breaks, and each way a record
     * can be malformed.
     */
    private Path trickyFile() throws IOException {
        List<String> quotedBreak = new ArrayList<>(values("Q"));
        quotedBreak.set(14, "\"서울\r\n중구\"");
        List<String> unterminated = new ArrayList<>(values("U"));
        unterminated.set(14, "\"서울특별시 중구 세종대로 110");
        List<String> multiLineShort = new ArrayList<>(values("W").subList(0, 15));
        multiLineShort.set(14, "\"서울특별시\n중구\"");
        List<String> stray = new ArrayList<>(values("S"));
        stray.set(3, "HONG\"GD");
        byte[] head = (HEADER + "\r\n" + row("R1") + "\n\n" + String.join(",", quotedBreak) + "\r\n" + row("R2") + "\r"
                + String.join(",", unterminated) + "\n" + row("R3") + "\n" + String.join(",", multiLineShort) + "\n"
                + row("R4") + "\n\r\n" + String.join(",", stray) + "\n")
            .getBytes(UTF8);
        byte[] undecodable = concat("B,user,".getBytes(UTF8), new byte[] { (byte) 0xC3, 0x28 },
                ",".repeat(13).getBytes(UTF8), "\n".getBytes(UTF8));
        byte[] tail = (row("R5") + "\n" + String.join(",", quotedBreak) + "\n\n" + row("R6")).getBytes(UTF8);
        return write("tricky.csv", concat(head, undecodable, tail));
    }

    private static List<SourceRecord> readRange(Path file, RequestFileReader.Range range) throws Exception {
        RequestFileReader reader = new RequestFileReader(file, UTF8);
        reader.open(range.toContext());
        try {
            return drain(reader);
        }
        finally {
            reader.close();
        }
    }

    @Test
    void rangesTogetherReadExactlyWhatOneReaderOfTheWholeFileReads() throws Exception {
        Path file = trickyFile();
        List<SourceRecord> whole = readAll(file, UTF8);
        assertThat(whole).hasSizeGreaterThan(10).anyMatch(SourceRecord::isMalformed);

        // parts = the file's size puts a boundary between every two records the reader
        // steps over
        for (int parts : new int[] { 1, 2, 3, 5, 8, (int) Files.size(file) }) {
            List<RequestFileReader.Range> ranges = RequestFileReader.split(file, UTF8, parts);
            assertThat(ranges).hasSize(parts);
            List<SourceRecord> joined = new ArrayList<>();
            for (RequestFileReader.Range range : ranges) {
                joined.addAll(readRange(file, range));
            }
            assertThat(joined).as("%d ranges", parts).containsExactlyElementsOf(whole);
        }
    }

    @Test
    void rangesOfALargeFileAreOfAboutEqualSizeAndStartOnARecord() throws Exception {
        StringBuilder content = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < 3_000; i++) {
            content.append(row("R" + i)).append('\n');
        }
        Path file = utf8(content.toString());

        List<RequestFileReader.Range> ranges = RequestFileReader.split(file, UTF8, 3);

        List<Integer> sizes = new ArrayList<>();
        for (RequestFileReader.Range range : ranges) {
            List<SourceRecord> records = readRange(file, range);
            sizes.add(records.size());
            assertThat(records.get(0).lineNo()).isEqualTo(range.startLine());
            assertThat(records.get(0).fields().requestId()).isEqualTo("R" + (range.startLine() - 2));
        }
        assertThat(sizes).allSatisfy(n -> assertThat(n).isBetween(990, 1_010));
    }

    @Test
    void aFileWithoutRecordsGivesEmptyRanges() throws Exception {
        Path file = utf8(HEADER + "\n\n");

        for (RequestFileReader.Range range : RequestFileReader.split(file, UTF8, 2)) {
            assertThat(readRange(file, range)).isEmpty();
        }
    }

    @Test
    void aRangeRestartsWhereItsReaderStoppedAndEndsAtItsEnd() throws Exception {
        Path file = trickyFile();
        RequestFileReader.Range first = RequestFileReader.split(file, UTF8, 2).get(0);
        List<SourceRecord> expected = readRange(file, first);

        ExecutionContext context = first.toContext();
        RequestFileReader reader = new RequestFileReader(file, UTF8);
        reader.open(context);
        List<SourceRecord> records = new ArrayList<>(List.of(reader.read(), reader.read()));
        reader.update(context);
        reader.close();
        RequestFileReader restarted = new RequestFileReader(file, UTF8);
        restarted.open(context);
        records.addAll(drain(restarted));
        restarted.close();

        assertThat(records).containsExactlyElementsOf(expected);
    }

    @Test
    void aRangeOutsideTheFileIsRefused() throws Exception {
        Path file = utf8(HEADER + "\n" + row("R1") + "\n");
        RequestFileReader reader = new RequestFileReader(file, UTF8);

        assertThatThrownBy(() -> reader.open(new RequestFileReader.Range(10_000, 3, Long.MAX_VALUE).toContext()))
            .isInstanceOf(InputFileException.class)
            .hasMessageContaining("does not fit the part of it this step was given");
    }

}
