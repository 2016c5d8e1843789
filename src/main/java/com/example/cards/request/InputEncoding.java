package com.example.cards.request;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The encodings a request file may use: UTF-8 or MS949 (Windows code page 949, a superset
 * of EUC-KR).
 *
 * <p>
 * "EUC-KR" is accepted as a name but read as MS949: Java's own EUC-KR charset only knows
 * the 2,350 KS X 1001 syllables and would silently turn the others (e.g. "똠", "햏") into
 * '?'. MS949 decodes every EUC-KR byte sequence to the same text and also covers the
 * remaining 8,822 syllables.
 */
public final class InputEncoding {

    /**
     * Java's MS949 charset. Note: Java's "CP949" is a different charset (x-IBM949) and is
     * not used.
     */
    static final Charset MS949 = Charset.forName("x-windows-949");

    private InputEncoding() {
    }

    /**
     * Resolves an encoding name given by an operator or a file's metadata.
     * @param name "UTF-8"/"UTF8" or "MS949"/"CP949"/"x-windows-949"/"EUC-KR" in any case;
     * null or blank means UTF-8
     * @throws IllegalArgumentException for any other name
     */
    public static Charset resolve(String name) {
        if (name == null || name.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        switch (name.trim().toUpperCase(Locale.ROOT)) {
            case "UTF-8":
            case "UTF8":
                return StandardCharsets.UTF_8;
            case "MS949":
            case "CP949":
            case "X-WINDOWS-949":
            case "EUC-KR":
                return MS949;
            default:
                throw new IllegalArgumentException("Unsupported encoding '" + name + "': use UTF-8 or MS949");
        }
    }

    /**
     * The name to show people for a supported charset: "UTF-8" or "MS949".
     * @throws IllegalArgumentException for a charset {@link #resolve} never returns
     */
    public static String canonicalName(Charset charset) {
        if (StandardCharsets.UTF_8.equals(charset)) {
            return "UTF-8";
        }
        if (MS949.equals(charset)) {
            return "MS949";
        }
        throw new IllegalArgumentException(
                "Unsupported encoding '" + (charset == null ? null : charset.name()) + "': use UTF-8 or MS949");
    }

}
