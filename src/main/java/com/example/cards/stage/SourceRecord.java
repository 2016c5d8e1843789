package com.example.cards.stage;

import com.example.cards.request.RequestFields;

/**
 * One record read from a request file: either its fields, or the reason the record could
 * not be parsed (wrong column count, unterminated quote, undecodable bytes). A malformed
 * record is never dropped: it becomes a rejected request with code 000_002.
 *
 * @param lineNo the physical line of the file on which the record starts (the header is
 * line 1)
 * @param fields the fields by column name, or {@code null} when {@code problem} is set
 * @param problem why the record is malformed, or {@code null}
 */
public record SourceRecord(long lineNo, RequestFields fields, String problem) {

    public static SourceRecord parsed(long lineNo, RequestFields fields) {
        return new SourceRecord(lineNo, fields, null);
    }

    public static SourceRecord malformed(long lineNo, String problem) {
        return new SourceRecord(lineNo, null, problem);
    }

    public boolean isMalformed() {
        return problem != null;
    }
}
