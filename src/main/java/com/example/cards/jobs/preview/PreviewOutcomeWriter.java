package com.example.cards.jobs.preview;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import com.example.cards.issue.IssuanceOutcome;
import com.example.cards.request.RequestOutcomes;
import com.example.cards.request.RequestStatus;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Records a preview's decisions as outcomes of its own staged rows: ACCEPTED (would be
 * issued; no code, since nothing was issued) or REJECTED with the code and message a real
 * run would give. Writes no application and no card.
 */
public class PreviewOutcomeWriter implements ItemWriter<IssuanceOutcome> {

    /**
     * A preview's own status for a request that would be issued: not a
     * {@link RequestStatus}, since no real run ever holds it, and its rows are deleted
     * when the preview's outputs are written.
     */
    static final String ACCEPTED = "ACCEPTED";

    private final JdbcTemplate jdbc;

    private final Clock clock;

    public PreviewOutcomeWriter(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void write(Chunk<? extends IssuanceOutcome> chunk) {
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(clock));
        List<Object[]> rows = new ArrayList<>(chunk.size());
        for (IssuanceOutcome outcome : chunk) {
            if (outcome.isIssued()) {
                throw new IllegalStateException("a preview must not issue: request row " + outcome.requestPk());
            }
            boolean accepted = outcome.code().isSuccess();
            rows.add(new Object[] { outcome.requestPk(), accepted ? ACCEPTED : RequestStatus.REJECTED.name(),
                    accepted ? null : outcome.code().code(), accepted ? null : outcome.message(),
                    outcome.correlationId(), now });
        }
        jdbc.batchUpdate(RequestOutcomes.INSERT, rows);
    }

}
