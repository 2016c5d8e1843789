package com.example.cards.db;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** What the job decides for sample-input/requests.csv, line by line, whatever the database. */
final class SampleExpectations {

    static final List<String> OUTCOMES = List.of("2:ISSUED:000_000", "3:ISSUED:000_000", "4:ISSUED:000_000",
            "5:ISSUED:000_000", "6:ISSUED:000_000", "7:ISSUED:000_000", "8:REJECTED:003_064", "9:REJECTED:003_060",
            "10:REJECTED:003_061", "11:REJECTED:003_062", "12:REJECTED:003_065", "13:REJECTED:003_066",
            "14:REJECTED:003_063", "15:REJECTED:001_006", "16:REJECTED:001_006", "17:REJECTED:000_002",
            "18:REJECTED:000_002", "19:REJECTED:000_002", "20:REJECTED:900_001", "21:REJECTED:000_002",
            "22:REJECTED:000_002");
    static final int RECORDS = OUTCOMES.size();

    private SampleExpectations() {
    }

    static void assertSampleOutcome(JdbcTemplate jdbc, String batchId) {
        List<String> actual = jdbc.query("SELECT line_no, status, result_code FROM issuance_request WHERE batch_id = ? "
                + "ORDER BY line_no", (rs, i) -> rs.getLong(1) + ":" + rs.getString(2) + ":" + rs.getString(3), batchId);
        assertThat(actual).containsExactlyElementsOf(OUTCOMES);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM card_application WHERE batch_id = ?", Integer.class,
                batchId)).isEqualTo((int) OUTCOMES.stream().filter(o -> o.contains(":ISSUED:")).count());
    }
}
