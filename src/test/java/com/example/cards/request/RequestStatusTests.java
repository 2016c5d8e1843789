package com.example.cards.request;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RequestStatusTests {

    @ParameterizedTest
    @CsvSource(quoteCharacter = '"', value = { "PENDING, 'PENDING'", "ISSUED, 'ISSUED'", "REJECTED, 'REJECTED'" })
    void theLiteralIsTheQuotedNameTheStatusColumnHolds(RequestStatus status, String literal) {
        assertThat(status.literal()).isEqualTo(literal);
    }

}
