package com.example.cards.issue;

import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ExpiryCalculatorTests {

    @ParameterizedTest
    @CsvSource({ "2026-11-24, 60, 2031-11-30, 20311130, 3111", "2024-01-31, 1, 2024-02-29, 20240229, 2402",
            "2023-01-15, 1, 2023-02-28, 20230228, 2302", "2023-12-01, 1, 2024-01-31, 20240131, 2401",
            "2026-11-30, 3, 2027-02-28, 20270228, 2702", "2027-02-28, 12, 2028-02-29, 20280229, 2802",
            "2026-01-01, 240, 2046-01-31, 20460131, 4601", "2095-06-15, 60, 2100-06-30, 21000630, 0006", })
    void expiry(LocalDate runDate, int months, LocalDate expected, String yyyymmdd, String yymm) {
        LocalDate expiry = ExpiryCalculator.expiry(runDate, months);

        assertThat(expiry).isEqualTo(expected);
        assertThat(ExpiryCalculator.yyyymmdd(expiry)).isEqualTo(yyyymmdd);
        assertThat(ExpiryCalculator.yymm(expiry)).isEqualTo(yymm);
    }

    @ParameterizedTest
    @ValueSource(ints = { Integer.MIN_VALUE, -1, 0, 241, 1200 })
    void rejectsValidityOutsideOneTo240Months(int months) {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> ExpiryCalculator.expiry(LocalDate.of(2026, 11, 24), months))
            .withMessageContaining("1..240");
    }

}
