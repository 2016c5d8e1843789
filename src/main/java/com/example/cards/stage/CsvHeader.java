package com.example.cards.stage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.example.cards.request.RequestFields;

/**
 * The header row of a request file.
 *
 * @param columns the column names as they appear in the file (BOM stripped, otherwise
 * untouched), in file order
 * @param positions {@link RequestFields#COLUMNS} name → zero-based index of that column
 * in the file, in {@code COLUMNS} order
 * @param unknownColumns the positions (1-based) of columns that are not in
 * {@link RequestFields#COLUMNS}; they are ignored. Positions, never names: a header row
 * that swallowed a record would hold its values
 * @param bom whether the file starts with a UTF-8 byte-order mark
 */
public record CsvHeader(List<String> columns, Map<String, Integer> positions, List<Integer> unknownColumns,
        boolean bom) {

    public CsvHeader {
        columns = List.copyOf(columns);
        positions = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(positions)));
        unknownColumns = List.copyOf(unknownColumns);
    }

    /**
     * The header of a file that has no header row at all (zero bytes, or only blank
     * lines).
     */
    static CsvHeader none(boolean bom) {
        return new CsvHeader(List.of(), Map.of(), List.of(), bom);
    }

    /**
     * True when the file has no header row (it is empty or holds only blank lines): it
     * contains no records.
     */
    public boolean isEmpty() {
        return columns.isEmpty();
    }
}
