package com.example.cards.db;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CSV that {@link PostgresCopy} sends; the round trip through a real server is in
 * IssuanceJobPostgresIT.
 */
class PostgresCopyTests {

    private static String csv(Object... row) {
        return new String(PostgresCopy.csv(List.<Object[]>of(row)).toByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void nullIsAnUnquotedEmptyFieldAndEmptyTextIsQuoted() {
        assertThat(csv(null, "", null)).isEqualTo(",\"\",\n");
    }

    @Test
    void textIsQuotedWithEmbeddedQuotesDoubledAndSeparatorsKept() {
        assertThat(csv("a,b", "say \"hi\"", "two\r\nlines", "홍길동"))
            .isEqualTo("\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\",\"홍길동\"\n");
    }

    @Test
    void numbersArePlainAndLargeUserIdsKeepEveryDigit() {
        assertThat(csv(42L, new BigDecimal("99999999999999999999"), new BigDecimal("1E+3")))
            .isEqualTo("42,99999999999999999999,1000\n");
    }

    @Test
    void wholeNumbersAreWrittenInDecimalWhateverTheirSign() {
        assertThat(csv(0L, 7, -7L, 1234567890L, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MIN_VALUE))
            .isEqualTo("0,7,-7,1234567890,9223372036854775807,-9223372036854775808,-2147483648\n");
    }

    @Test
    void timestampsHaveMicroseconds() {
        Timestamp t = Timestamp.valueOf(LocalDateTime.of(2026, 1, 15, 9, 5, 7, 123_456_789));
        assertThat(csv(t)).isEqualTo("\"2026-01-15 09:05:07.123456\"\n");
    }

    @Test
    void aNulWhichPostgresTextCannotHoldBecomesTheReplacementCharacter() {
        assertThat(csv("a\u0000b")).isEqualTo("\"a\uFFFDb\"\n");
    }

    @Test
    void bytesAreByteaHexUnquoted() {
        assertThat(csv(new byte[] { 0, (byte) 0xff, 0x10, (byte) 0xab }, new byte[0], "a"))
            .isEqualTo("\\x00ff10ab,\\x,\"a\"\n");
    }

    @Test
    void rowsFollowEachOther() {
        byte[] data = PostgresCopy.csv(List.of(new Object[] { "x", 1 }, new Object[] { "y", 2 })).toByteArray();
        assertThat(new String(data, StandardCharsets.UTF_8)).isEqualTo("\"x\",1\n\"y\",2\n");
    }

    @Test
    void textIsUtf8WithEveryPlaneAndALoneSurrogateAsAQuestionMark() {
        String text = "é한𝄞" + "\uD800" + "x";
        assertThat(PostgresCopy.csv(List.<Object[]>of(new Object[] { text })).toByteArray())
            .isEqualTo(("\"" + text + "\"\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBufferGrowsPastItsFirstSize() {
        String wide = "가".repeat(10_000);
        byte[] data = PostgresCopy.csv(List.<Object[]>of(new Object[] { wide, 7L })).toByteArray();
        assertThat(new String(data, StandardCharsets.UTF_8)).isEqualTo("\"" + wide + "\",7\n");
    }

}
