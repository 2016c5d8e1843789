package com.example.cards.stage;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.example.cards.db.PostgresCopy;
import com.example.cards.request.RequestFields;
import com.example.cards.request.RequestOutcomes;
import com.example.cards.request.RequestStatus;
import com.example.cards.run.IssuanceCounters;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Inserts staged rows into the request table in the chunk's transaction: one COPY per
 * chunk on PostgreSQL ({@link PostgresCopy}), one JDBC batch per chunk elsewhere. A
 * record rejected by the format rules also gets its outcome row, found by its line, in
 * the same transaction.
 */
public class StagedRequestWriter implements ItemWriter<StagedRequest> {

    private static final Logger log = LoggerFactory.getLogger(StagedRequestWriter.class);

    private static final String COLUMNS = """
            batch_id, line_no, request_id, user_id, user_id_num, user_name, eng_name, social_no_enc, social_no_key_id,
            mobile_number, exist_ocr_file, bank_code, account_no, service_id, issue_type, with_cash_ic,
            delivery_required, zip_code, address, address_detail, status, created_at""";

    private static final String INSERT = "INSERT INTO issuance_request (" + COLUMNS + ")\n"
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;

    private final String batchId;

    private final Clock clock;

    private Boolean postgres;

    private final IssuanceCounters counters;

    public StagedRequestWriter(JdbcTemplate jdbc, String batchId, Clock clock) {
        this(jdbc, batchId, clock, null);
    }

    /**
     * @param counters the records rejected at staging are counted once the chunk commits;
     * null counts nothing (a preview)
     */
    public StagedRequestWriter(JdbcTemplate jdbc, String batchId, Clock clock, IssuanceCounters counters) {
        this.jdbc = jdbc;
        this.batchId = batchId;
        this.clock = clock;
        this.counters = counters;
    }

    @Override
    public void write(Chunk<? extends StagedRequest> chunk) {
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(clock));
        List<Object[]> rows = new ArrayList<>(chunk.size());
        List<Object[]> outcomes = new ArrayList<>();
        for (StagedRequest s : chunk) {
            RequestFields f = s.fields() == null ? RequestFields.of(java.util.Collections.nCopies(16, null))
                    : s.fields();
            rows.add(new Object[] { batchId, s.lineNo(), f.requestId(), f.userId(), s.userIdNum(), f.userName(),
                    f.engName(), s.socialNo() == null ? null : s.socialNo().ciphertext(),
                    s.socialNo() == null ? null : s.socialNo().keyId(), f.mobileNumber(), f.existOcrFile(),
                    f.bankCode(), f.accountNo(), f.serviceId(), f.issueType(), f.withCashIc(), f.isDeliveryRequired(),
                    f.zipCode(), f.address(), f.addressDetail(), RequestStatus.PENDING.name(), now });
            if (s.status() == RequestStatus.REJECTED) {
                outcomes.add(new Object[] { s.status().name(), s.resultCode(), s.resultMessage(), s.correlationId(),
                        now, batchId, s.lineNo() });
            }
        }
        if (postgres == null) {
            postgres = PostgresCopy.isPostgres(jdbc);
        }
        if (postgres) {
            PostgresCopy.copy(jdbc, "issuance_request", COLUMNS, rows);
        }
        else {
            jdbc.batchUpdate(INSERT, rows);
        }
        if (!outcomes.isEmpty()) {
            jdbc.batchUpdate(RequestOutcomes.INSERT_BY_LINE, outcomes);
        }
        if (counters != null) {
            Map<String, Long> rejected = new TreeMap<>();
            for (StagedRequest s : chunk) {
                if (s.status() == RequestStatus.REJECTED) {
                    rejected.merge(s.resultCode(), 1L, Long::sum);
                }
            }
            rejected.forEach(counters::rejected);
        }
        if (log.isDebugEnabled() && !chunk.isEmpty()) {
            log.debug("Staged lines {} to {} of batch {}", chunk.getItems().get(0).lineNo(),
                    chunk.getItems().get(chunk.size() - 1).lineNo(), batchId);
        }
    }

}
