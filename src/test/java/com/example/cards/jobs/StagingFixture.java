package com.example.cards.jobs;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.example.cards.crypto.FieldCipher;
import com.example.cards.crypto.Sealed;
import com.example.cards.run.RunParameters;
import com.example.cards.stage.StagingTableWriter;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes staging rows as an upstream system would, and runs the staging job over them.
 */
public final class StagingFixture {

    /**
     * A valid PHYSICAL request of member 1001 with delivery (columns in the README's
     * order).
     */
    public static final String VALID = "R1,1001,김민준,KIM MINJUN,900101-1234567,010-1234-5678,Y,088,110-123-456789,"
            + "DEBIT0000000001,PHYSICAL,Y,Y,06236,서울특별시 강남구 테헤란로 123,10층";

    /** A valid PRE_ISSUE request of member 1003 (has a mobile wallet), delivered. */
    public static final String PRE_ISSUE = "R2,1003,박지훈,PARK JIHOON,851122-1456789,+82 10 2345 6789,Y,088,"
            + "110234567890,DEBIT0000000001,PRE_ISSUE,N,Y,04524,서울특별시 중구 세종대로 110,3층";

    /** A request of an unknown member: rejected with 001_006. */
    public static final String UNKNOWN_MEMBER = VALID.replace("R1,1001,", "R3,5555,");

    /**
     * A request with an RRN written into the user name: rejected with 000_002, and its
     * row keeps the name as {@link #RRN_IN_NAME_MASKED}.
     */
    public static final String RRN_IN_NAME = VALID.replace("R1,", "R5,").replace(",김민준,", ",김 8511221456789,");

    public static final String RRN_IN_NAME_MASKED = "김 851122-1******";

    private final JobOperator jobOperator;

    private final Job job;

    private final JdbcTemplate jdbc;

    private final StagingTableWriter writer;

    private final FieldCipher cipher;

    private final Path outputDir;

    public StagingFixture(JobOperator jobOperator, Job job, JdbcTemplate jdbc, FieldCipher cipher, Path outputDir) {
        this.jobOperator = jobOperator;
        this.job = job;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.writer = new StagingTableWriter(jdbc, cipher, Clock.systemDefaultZone());
        this.outputDir = outputDir;
    }

    /**
     * Writes the given request lines as lines 1, 2, 3... of the batch (or from
     * {@code firstLine}).
     */
    public void stage(String batchId, long firstLine, String... lines) {
        List<StagingTableWriter.Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            rows.add(StagingTableWriter.row(firstLine + i, lines[i]));
        }
        writer.write(batchId, rows);
    }

    /**
     * Inserts one row on a connection of its own, committed at once: an upstream system
     * writing during a run.
     */
    public static void stageCommitted(DataSource dataSource, FieldCipher cipher, String batchId, long lineNo,
            String line) {
        StagingTableWriter.Row row = StagingTableWriter.row(lineNo, line);
        Sealed rrn = cipher.seal(row.fields().socialNo());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO issuance_request (batch_id, line_no, request_id, user_id, user_name, eng_name,
                        social_no_enc, social_no_key_id, mobile_number, exist_ocr_file, bank_code, account_no,
                        service_id, issue_type, with_cash_ic, delivery_required, zip_code, address, address_detail,
                        status, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)""")) {
                var f = row.fields();
                Object[] values = { batchId, lineNo, f.requestId(), f.userId(), f.userName(), f.engName(),
                        rrn.ciphertext(), rrn.keyId(), f.mobileNumber(), f.existOcrFile(), f.bankCode(), f.accountNo(),
                        f.serviceId(), f.issueType(), f.withCashIc(), f.isDeliveryRequired(), f.zipCode(), f.address(),
                        f.addressDetail(), Timestamp.valueOf(LocalDateTime.now()) };
                for (int i = 0; i < values.length; i++) {
                    insert.setObject(i + 1, values[i]);
                }
                insert.executeUpdate();
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public JobExecution run(String batchId, LocalDate runDate) throws Exception {
        JobParameters parameters = new JobParametersBuilder().addString(RunParameters.BATCH_ID, batchId)
            .addLocalDate(RunParameters.RUN_DATE, runDate)
            .addString(RunParameters.OUTPUT_DIR, outputDir.toString(), false)
            .toJobParameters();
        return jobOperator.start(job, parameters);
    }

    public Path results(String batchId, LocalDate runDate) {
        return outputDir.resolve(batchId + "-" + runDate.toString().replace("-", "") + "-results.csv");
    }

    public Path summary(String batchId, LocalDate runDate) {
        return outputDir.resolve(batchId + "-" + runDate.toString().replace("-", "") + "-summary.json");
    }

    public Path manifest(String batchId, LocalDate runDate) {
        return outputDir.resolve(batchId + "-" + runDate.toString().replace("-", "") + "-manifest.csv");
    }

    /** Every row of a batch in line order: line, request id, status, code, claim date. */
    public List<Map<String, Object>> rows(String batchId) {
        return jdbc.queryForList("""
                SELECT r.line_no, r.request_id, COALESCE(o.status, 'PENDING') AS status, o.result_code,
                       r.claim_run_date
                  FROM issuance_request r LEFT JOIN request_outcome o ON o.request_pk = r.id
                 WHERE r.batch_id = ? ORDER BY r.line_no""", batchId);
    }

    public FieldCipher cipher() {
        return cipher;
    }

}
