package com.example.cards.request;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputEncodingTests {

    private static final Charset MS949 = Charset.forName("x-windows-949");

    @ParameterizedTest
    @ValueSource(strings = { "UTF-8", "utf-8", "UTF8", "utf8", " Utf-8 " })
    void utf8Names(String name) {
        assertThat(InputEncoding.resolve(name)).isEqualTo(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = { "MS949", "ms949", "CP949", "cp949", "x-windows-949", "X-Windows-949", "EUC-KR", "euc-kr" })
    void ms949Names(String name) {
        assertThat(InputEncoding.resolve(name)).isEqualTo(MS949);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "   " })
    void blankMeansUtf8(String name) {
        assertThat(InputEncoding.resolve(name)).isEqualTo(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = { "ISO-8859-1", "UTF-16", "EUCKR", "latin1" })
    void otherNamesRejected(String name) {
        assertThatThrownBy(() -> InputEncoding.resolve(name)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("Unsupported encoding '" + name + "': use UTF-8 or MS949");
    }

    @Test
    void canonicalNames() {
        assertThat(InputEncoding.canonicalName(StandardCharsets.UTF_8)).isEqualTo("UTF-8");
        assertThat(InputEncoding.canonicalName(InputEncoding.resolve("EUC-KR"))).isEqualTo("MS949");
        assertThatThrownBy(() -> InputEncoding.canonicalName(Charset.forName("EUC-KR")))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eucKrNameDecodesSyllablesJavasEucKrCannot() {
        assertThat(Charset.forName("EUC-KR").newEncoder().canEncode("똠")).isFalse();
        byte[] bytes = "똠햏".getBytes(MS949);
        assertThat(new String(bytes, InputEncoding.resolve("EUC-KR"))).isEqualTo("똠햏");
    }

}
