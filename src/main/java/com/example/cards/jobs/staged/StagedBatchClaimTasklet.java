package com.example.cards.jobs.staged;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import com.example.cards.request.RequestOutcomes;
import com.example.cards.request.RequestStatus;
import com.example.cards.run.BatchSource;
import com.example.cards.run.RunContext;
import com.example.cards.run.RunParameters;
import com.example.cards.stage.InputFileException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The first step of a staging run: registers the batch (source {@code STAGING}), claims
 * the batch's PENDING rows committed before now and created at or before the cut-off
 * ({@code claim_run_date} = the run date), and fills {@code user_id_num} of the claimed
 * rows for the member join. Three set-based statements in one transaction: rows that
 * upstream commits after it are not claimed, so the rest of the run never sees them.
 */
public class StagedBatchClaimTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(StagedBatchClaimTasklet.class);

    static final String CLAIM = """
            UPDATE issuance_request SET claim_run_date = ?
             WHERE batch_id = ? AND status = '%s' AND claim_run_date IS NULL AND created_at <= ?"""
        .formatted(RequestStatus.PENDING.name());

    /**
     * The job owns user_id_num: set from user_id when that is a number of at most 19
     * significant digits.
     */
    static final String FILL_USER_ID_NUM = """
            UPDATE issuance_request r
               SET user_id_num = CASE WHEN REGEXP_LIKE(TRIM(user_id), '^0*[0-9]{1,19}$')
                                      THEN CAST(TRIM(user_id) AS DECIMAL(19,0)) END
             WHERE batch_id = ? AND claim_run_date = ? AND %s""".formatted(RequestOutcomes.pending("r"));

    private final JdbcTemplate jdbc;

    private final Clock clock;

    public StagedBatchClaimTasklet(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobParameters parameters = chunkContext.getStepContext().getStepExecution().getJobParameters();
        String batchId = parameters.getString(RunParameters.BATCH_ID);
        LocalDate runDate = RunParameters.runDate(parameters);
        LocalDateTime now = LocalDateTime.now(clock);
        LocalDateTime cutoff = parameters.getLocalDateTime(RunParameters.CUTOFF);
        if (cutoff == null || cutoff.isAfter(now)) {
            cutoff = now;
        }
        register(batchId, runDate, now);
        int claimed = jdbc.update(CLAIM, Date.valueOf(runDate), batchId, Timestamp.valueOf(cutoff));
        jdbc.update(FILL_USER_ID_NUM, batchId, Date.valueOf(runDate));
        int total = jdbc.queryForObject(
                "SELECT COUNT(*) FROM issuance_request WHERE batch_id = ? AND claim_run_date = ?", Integer.class,
                batchId, Date.valueOf(runDate));
        ExecutionContext jobContext = chunkContext.getStepContext()
            .getStepExecution()
            .getJobExecution()
            .getExecutionContext();
        jobContext.putString(RunContext.CLAIM_RUN_DATE, runDate.toString());
        log.info(
                "Batch {} (staging table): claimed {} pending requests created at or before {} for run date {} "
                        + "({} claimed in all); rows committed from now on are left for the next run",
                batchId, claimed, cutoff, runDate, total);
        return RepeatStatus.FINISHED;
    }

    private void register(String batchId, LocalDate runDate, LocalDateTime now) {
        List<String> source = jdbc.queryForList("SELECT source FROM issuance_batch WHERE batch_id = ?", String.class,
                batchId);
        if (source.isEmpty()) {
            jdbc.update("""
                    INSERT INTO issuance_batch (batch_id, run_date, source, input_name, encoding, created_at)
                    VALUES (?, ?, ?, 'issuance_request', 'UTF-8', ?)""", batchId, Date.valueOf(runDate),
                    BatchSource.STAGING.name(), Timestamp.valueOf(now));
        }
        else if (!BatchSource.STAGING.name().equals(source.get(0).trim())) {
            throw new InputFileException("Batch " + batchId + " was submitted as a " + source.get(0).trim()
                    + " file, not through the staging table; run it with --input, or use another batch id for "
                    + "staging rows. Nothing was issued.");
        }
    }

}
