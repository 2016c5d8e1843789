package com.example.cards.db;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the job decides for sample-input/requests.csv, line by line, whatever the
 * database.
 */
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
        List<String> actual = jdbc.query("""
                SELECT r.line_no, COALESCE(o.status, 'PENDING'), o.result_code
                  FROM issuance_request r LEFT JOIN request_outcome o ON o.request_pk = r.id
                 WHERE r.batch_id = ? ORDER BY r.line_no""",
                (rs, i) -> rs.getLong(1) + ":" + rs.getString(2) + ":" + rs.getString(3), batchId);
        assertThat(actual).containsExactlyElementsOf(OUTCOMES);
        assertThat(
                jdbc.queryForObject("SELECT COUNT(*) FROM card_application WHERE batch_id = ?", Integer.class, batchId))
            .isEqualTo((int) OUTCOMES.stream().filter(o -> o.contains(":ISSUED:")).count());
        assertReferencesHold(jdbc);
    }

    /**
     * No foreign key enforces these (see the baseline migration): every card belongs to
     * an application, with one physical card and a mobile card exactly when the
     * application names one; every application to an ISSUED request of its batch.
     */
    static void assertReferencesHold(JdbcTemplate jdbc) {
        assertThat(jdbc.queryForObject("""
                SELECT COUNT(*) FROM card c
                 WHERE NOT EXISTS (SELECT 1 FROM card_application a WHERE a.card_apply_no = c.card_apply_no)
                """, Integer.class)).as("cards without an application").isZero();
        assertThat(jdbc.queryForObject("""
                SELECT COUNT(*) FROM card_application a
                 WHERE NOT EXISTS (SELECT 1 FROM issuance_request r JOIN request_outcome o ON o.request_pk = r.id
                                    WHERE r.id = a.request_pk AND r.batch_id = a.batch_id AND o.status = 'ISSUED')
                """, Integer.class)).as("applications without their issued request").isZero();
        assertThat(jdbc.queryForObject("""
                SELECT COUNT(*) FROM card_application a
                 WHERE (SELECT COUNT(*) FROM card c
                         WHERE c.card_apply_no = a.card_apply_no AND c.card_role = 'PHYSICAL') <> 1
                    OR (SELECT COUNT(*) FROM card c
                         WHERE c.card_apply_no = a.card_apply_no AND c.card_role = 'MOBILE')
                       <> CASE WHEN a.mobile_card_masked IS NULL THEN 0 ELSE 1 END
                """, Integer.class)).as("applications without exactly their cards").isZero();
    }

}
