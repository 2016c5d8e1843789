package com.example.cards.jobs.rerun;

import com.example.cards.run.RerunCodes;
import com.example.cards.run.RerunStatus;
import com.example.cards.run.RunParameters;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import com.example.cards.request.RequestStatus;
import com.example.cards.request.ResultCode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rerun's first step, in one transaction: keeps the current outcome of every rejected
 * request with the rerun's codes in {@code request_attempt}, puts those requests back to
 * PENDING marked with the rerun's number, and records the rerun. The issue step then
 * reads exactly them: a batch that completed has no other PENDING request, which this
 * step checks.
 */
public class RerunSelectionTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(RerunSelectionTasklet.class);

    private static final String SELECTED = "batch_id = ? AND status = ? AND result_code IN (%s)";

    private final JdbcTemplate jdbc;

    private final Clock clock;

    public RerunSelectionTasklet(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
        JobParameters parameters = job.getJobParameters();
        String batchId = parameters.getString(RunParameters.BATCH_ID);
        int rerun = RunParameters.rerun(parameters);
        LocalDate runDate = RunParameters.runDate(parameters);
        Set<ResultCode> codes = RerunCodes.parse(parameters.getString(RunParameters.CODES));

        Integer pending = jdbc.queryForObject("SELECT COUNT(*) FROM issuance_request WHERE batch_id = ? AND status = ?",
                Integer.class, batchId, RequestStatus.PENDING.name());
        if (pending != null && pending > 0) {
            throw new IllegalStateException("batch " + batchId + " has " + pending
                    + " PENDING requests: its run has not completed, so its rejections cannot be rerun yet");
        }
        String where = SELECTED.formatted(String.join(",", Collections.nCopies(codes.size(), "?")));
        List<Object> args = new ArrayList<>();
        args.add(batchId);
        args.add(RequestStatus.REJECTED.name());
        codes.forEach(c -> args.add(c.code()));

        List<Object> attemptArgs = new ArrayList<>(List.of(rerun));
        attemptArgs.addAll(args);
        jdbc.update("""
                INSERT INTO request_attempt (request_pk, retried_by, batch_id, status, result_code, result_message,
                    correlation_id, processed_at)
                SELECT id, ?, batch_id, status, result_code, result_message, correlation_id, processed_at
                  FROM issuance_request WHERE\s""" + where, attemptArgs.toArray());
        List<Object> updateArgs = new ArrayList<>(List.of(RequestStatus.PENDING.name(), rerun));
        updateArgs.addAll(args);
        int selected = jdbc.update("""
                UPDATE issuance_request SET status = ?, rerun_no = ?, result_code = NULL,
                       result_message = NULL, correlation_id = NULL, processed_at = NULL
                 WHERE\s""" + where, updateArgs.toArray());
        jdbc.update("""
                INSERT INTO issuance_rerun (batch_id, rerun_no, codes, run_date, status, selected, job_execution_id,
                    created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", batchId, rerun, RerunCodes.format(codes),
                Date.valueOf(runDate), RerunStatus.STARTED.name(), selected, job.getId(),
                Timestamp.valueOf(LocalDateTime.now(clock)));
        contribution.incrementWriteCount(selected);
        log.info("Rerun {} of batch {}: {} rejected requests with codes {} put back to PENDING", rerun, batchId,
                selected, RerunCodes.format(codes));
        return RepeatStatus.FINISHED;
    }

}
