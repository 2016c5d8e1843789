package com.example.cards.issue;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.example.cards.db.PostgresCopy;
import com.example.cards.request.RequestOutcomes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The issue step's duplicate check, both ways: each row's first line looked up with its
 * page, and the range's duplicate lines found in one pass before the first page (what
 * PostgreSQL does). Both must mark the same lines, across partition ranges, with rows
 * already decided, without request ids, and for staging claims over several runs.
 */
@SpringBootTest
@ActiveProfiles("test")
class PendingRequestReaderTests {

    static final LocalDate EARLIER = LocalDate.of(2026, 11, 23);

    static final LocalDate RUN = LocalDate.of(2026, 11, 24);

    static final LocalDate LATER = LocalDate.of(2026, 11, 25);

    @Autowired
    JdbcTemplate jdbc;

    @ParameterizedTest(name = "one pass: {0}")
    @ValueSource(booleans = { false, true })
    void aLineIsADuplicateWhenALowerLineOfTheBatchCarriesItsRequestId(boolean onePass) {
        String batch = batch();
        String other = batch();
        insert(other, 1, "C", "PENDING", null);
        insert(batch, 1, "A", "ISSUED", null);
        insert(batch, 2, "B", "PENDING", null);
        insert(batch, 3, "A", "PENDING", null);
        insert(batch, 4, null, "PENDING", null);
        insert(batch, 5, null, "PENDING", null);
        insert(batch, 6, "C", "PENDING", null);
        insert(batch, 7, "B", "REJECTED", null);
        insert(batch, 8, "C", "PENDING", null);
        insert(batch, 9, "D", "PENDING", null);
        insert(batch, 10, "A", "PENDING", null);
        insert(batch, 11, "B", "PENDING", null);

        // a partition from line 3: its duplicates' first lines lie before it
        assertThat(read(batch, 3, 11, null, onePass))
            .isEqualTo(Map.of(3L, true, 4L, false, 5L, false, 6L, false, 8L, true, 9L, false, 10L, true, 11L, true));
        // a partition up to line 6, in pages of 2
        assertThat(read(batch, 1, 6, null, onePass))
            .isEqualTo(Map.of(2L, false, 3L, true, 4L, false, 5L, false, 6L, false));
    }

    @ParameterizedTest(name = "one pass: {0}")
    @ValueSource(booleans = { false, true })
    void aClaimedLineIsADuplicateOfAnEarlierClaimOrALowerLineOfItsOwnClaim(boolean onePass) {
        String batch = batch();
        insert(batch, 9, "X", "ISSUED", EARLIER);
        insert(batch, 1, "X", "PENDING", RUN);
        insert(batch, 2, "Y", "PENDING", RUN);
        insert(batch, 3, "Y", "PENDING", RUN);
        insert(batch, 4, "Z", "PENDING", RUN);
        insert(batch, 5, "W", "PENDING", RUN);
        insert(batch, 6, null, "PENDING", RUN);
        // neither a row not claimed yet nor one of a later claim owns a request id
        insert(batch, 0, "Z", "PENDING", null);
        insert(batch, 7, "W", "PENDING", null);
        insert(batch, 8, "W", "PENDING", LATER);

        assertThat(read(batch, 1, 9, RUN, onePass))
            .isEqualTo(Map.of(1L, true, 2L, false, 3L, true, 4L, false, 5L, false, 6L, false));
        assertThat(read(batch, 3, 9, RUN, onePass)).isEqualTo(Map.of(3L, true, 4L, false, 5L, false, 6L, false));
        assertThat(read(batch, 0, 9, LATER, onePass)).isEqualTo(Map.of(8L, true));
    }

    /**
     * A restart or a rerun reads a range where whole pages of rows have outcomes: the
     * reader goes on past them to the PENDING rows after, and reads each of those once.
     */
    @ParameterizedTest(name = "one pass: {0}")
    @ValueSource(booleans = { false, true })
    void pagesWhoseRowsAllHaveOutcomesAreSteppedOver(boolean onePass) {
        String batch = batch();
        insert(batch, 1, "A", "PENDING", null);
        for (long line = 2; line <= 8; line++) {
            insert(batch, line, "D" + line, line % 2 == 0 ? "ISSUED" : "REJECTED", null);
        }
        insert(batch, 9, "B", "PENDING", null);
        insert(batch, 10, "C", "ISSUED", null);
        insert(batch, 12, "E", "PENDING", null);
        insert(batch, 13, "F", "ISSUED", null);
        insert(batch, 14, "G", "ISSUED", null);
        insert(batch, 15, "H", "ISSUED", null);

        // pages of 2: lines 2 to 8 fill three windows without a PENDING row
        assertThat(lines(batch, 1, 15, onePass)).containsExactly(1L, 9L, 12L);
        assertThat(lines(batch, 2, 15, onePass)).containsExactly(9L, 12L);
        assertThat(lines(batch, 13, 15, onePass)).isEmpty();
    }

    @Test
    void theStepsReaderTakesOnePassOnPostgresAndLooksRowsUpElsewhere() {
        String batch = batch();
        insert(batch, 1, "A", "PENDING", null);
        insert(batch, 2, "A", "PENDING", null);
        PendingRequestReader reader = new PendingRequestReader(jdbc, batch, 1, 2, 10);
        assertThat(reader.read().duplicate()).isFalse();
        assertThat(reader.read().duplicate()).isTrue();
        assertThat(reader.read()).isNull();
        assertThat(reader.onePass()).isEqualTo(PostgresCopy.isPostgres(jdbc));
    }

    /** The lines read, in the order read, in pages of 2. */
    private List<Long> lines(String batch, long minLine, long maxLine, boolean onePass) {
        PendingRequestReader reader = new PendingRequestReader(jdbc, batch, minLine, maxLine, 2, null, onePass);
        List<Long> lines = new ArrayList<>();
        for (PendingRequest request = reader.read(); request != null; request = reader.read()) {
            lines.add(request.lineNo());
        }
        return lines;
    }

    private Map<Long, Boolean> read(String batch, long minLine, long maxLine, LocalDate claim, boolean onePass) {
        PendingRequestReader reader = new PendingRequestReader(jdbc, batch, minLine, maxLine, 2, claim, onePass);
        Map<Long, Boolean> duplicates = new TreeMap<>();
        for (PendingRequest request = reader.read(); request != null; request = reader.read()) {
            duplicates.put(request.lineNo(), request.duplicate());
        }
        return duplicates;
    }

    private void insert(String batch, long line, String requestId, String status, LocalDate claim) {
        jdbc.update(
                "INSERT INTO issuance_request (batch_id, line_no, request_id, status, created_at, claim_run_date) "
                        + "VALUES (?, ?, ?, 'PENDING', ?, ?)",
                batch, line, requestId, Timestamp.valueOf(LocalDateTime.now()),
                claim == null ? null : Date.valueOf(claim));
        if (!status.equals("PENDING")) {
            jdbc.update(RequestOutcomes.INSERT_BY_LINE, status, null, null, null,
                    Timestamp.valueOf(LocalDateTime.now()), batch, line);
        }
    }

    private static String batch() {
        return "dup-" + UUID.randomUUID().toString().substring(0, 8);
    }

}
