package com.example.cards.run;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RerunCodesTests {

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', nullValues = "null",
            value = { "null                    | 001_006,003_063,003_064",
                    "''                      | 001_006,003_063,003_064", "003_064                 | 003_064",
                    "003_064, 001_006        | 001_006,003_064", "003_066,003_060,003_060 | 003_060,003_066",
                    "003_061,003_062,003_065 | 003_061,003_062,003_065" })
    void retriesTheNamedCodesOrTheRetryableOnes(String given, String canonical) {
        assertThat(RerunCodes.format(RerunCodes.parse(given))).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "''{0}'' is refused: {1}")
    @CsvSource(delimiter = '|',
            value = { "000_002         | 000_002 is not rerunnable: a format error needs a corrected file",
                    "003_064,000_002 | 000_002 is not rerunnable",
                    "900_001         | 900_001 is not rerunnable: a duplicate requestId stays a duplicate",
                    "000_000         | 000_000 is not rerunnable: issued requests are never issued again",
                    "003_099         | unknown result code '003_099'", "' , '           | codes names no result code" })
    void refusesWhatARerunCannotFix(String given, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> RerunCodes.parse(given)).withMessageContaining(message);
    }

}
