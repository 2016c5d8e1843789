package com.example.cards.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class MaskingTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "NULL", textBlock = """
            9123456789012345    | 912345******2345
            9123456789012345678 | 912345*********5678
            " 9123456789012345 " | 912345******2345
            912345678901234     | ***********1234
            912345678901        | ********8901
            9123456789          | ******6789
            912345678           | *********
            9123                | ****
            NULL                | ""
            ""               | ""
            "   "               | ""
            """)
    void pan(String input, String expected) {
        assertThat(Masking.pan(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "NULL", textBlock = """
            9123456789012345 | 2345
            9123456789       | 6789
            912345678        | ""
            NULL             | ""
            ""            | ""
            """)
    void last4(String input, String expected) {
        assertThat(Masking.last4(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "NULL", textBlock = """
            900101-1234567         | 900101-1******
            9001011234567          | 900101-1******
            " 900101-1234567"      | 900101-1******
            900101-123456          | *************
            90010112345678         | **************
            9001-011234567         | **************
            900101--1234567        | ***************
            90O101-1234567         | **************
            abc                    | ***
            123456789012345678901234 | ********************
            NULL                   | ""
            ""                  | ""
            """)
    void rrn(String input, String expected) {
        assertThat(Masking.rrn(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', nullValues = "NULL", textBlock = """
            =SUM(A1:A2)             | '=SUM(A1:A2)
            +82-10-0000-0000        | '+82-10-0000-0000
            -5                      | '-5
            @cmd                    | '@cmd
            "'=1+1"                 | "'=1+1"
            홍길동                  | 홍길동
            912345******2345        | 912345******2345
            a=b                     | a=b
            " =1"                   | " =1"
            NULL                    | ""
            ""                   | ""
            """)
    void neutraliseFormula(String input, String expected) {
        assertThat(Masking.neutraliseFormula(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = { "\t=1", "\r=1", "\tfoo", "\rfoo" })
    void neutraliseFormulaQuotesLeadingTabAndCarriageReturn(String input) {
        assertThat(Masking.neutraliseFormula(input)).isEqualTo("'" + input);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void nothingInNothingOut(String input) {
        assertThat(Masking.pan(input)).isEmpty();
        assertThat(Masking.rrn(input)).isEmpty();
        assertThat(Masking.neutraliseFormula(input)).isEmpty();
    }

    @Test
    void panNeverRevealsMoreThanFirstSixAndLastFour() {
        String digits = "91234567890123456789";
        for (int length = 1; length <= digits.length(); length++) {
            String masked = Masking.pan(digits.substring(0, length));
            long shown = masked.chars().filter(c -> c != '*').count();
            long hidden = masked.chars().filter(c -> c == '*').count();
            assertThat(masked).hasSize(length);
            assertThat(shown).isLessThanOrEqualTo(10);
            assertThat(hidden).isGreaterThanOrEqualTo(Math.min(6, length));
        }
    }

}
