package com.example.cards.request;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ResultCodeTests {

    @ParameterizedTest(name = "{0} retryable: {1}")
    @CsvSource({ "000_000, false", "000_002, false", "001_006, true", "003_060, false", "003_061, false",
            "003_062, false", "003_063, true", "003_064, true", "003_065, false", "003_066, false", "900_001, false" })
    void onlyCodesWhoseCauseIsFixedInThePlatformsDataAreRetryable(String code, boolean retryable) {
        ResultCode resultCode = ResultCode.ofCode(code);
        assertThat(resultCode.isRetryable()).isEqualTo(retryable);
        assertThat(ResultCode.retryable().contains(resultCode)).isEqualTo(retryable);
    }

}
