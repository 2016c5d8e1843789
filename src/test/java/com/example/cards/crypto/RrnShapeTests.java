package com.example.cards.crypto;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What counts as an RRN-shaped value in free text, and how it is masked there. */
class RrnShapeTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            900101-1234567            | false | true  | 900101-1******
            9001011234567             | false | true  | 900101-1******
            9001011234567             | true  | false | 9001011234567
            900101-1234567            | true  | true  | 900101-1******
            tel 900101-1234567 now    | false | true  | tel 900101-1****** now
            a9001011234567b           | false | true  | a900101-1******b
            19001011234567            | false | false | 19001011234567
            90010112345678            | false | false | 90010112345678
            901301-1234567            | false | false | 901301-1234567
            900230-1234567            | false | false | 900230-1234567
            000229-3234567            | false | true  | 000229-3******
            010229-3234567            | false | false | 010229-3234567
            900101-9234567            | false | false | 900101-9234567
            900101-0234567            | false | false | 900101-0234567
            900101 1234567            | false | false | 900101 1234567
            x 850505-2123456 y 9912318123456 | false | true | x 850505-2****** y 991231-8******
            """)
    void rrnShapedValuesAreFoundAndMasked(String text, boolean hyphenOnly, boolean found, String masked) {
        assertThat(Masking.containsRrn(text, hyphenOnly)).isEqualTo(found);
        assertThat(Masking.maskRrns(text, hyphenOnly)).isEqualTo(masked);
    }

}
