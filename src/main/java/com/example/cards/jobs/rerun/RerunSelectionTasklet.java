package com.example.cards.jobs.rerun;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import com.example.cards.request.RequestOutcomes;
import com.example.cards.request.RequestStatus;
import com.example.cards.request.ResultCode;
import com.example.cards.run.RerunCodes;
import com.example.cards.run.RerunStatus;
import com.example.cards.run.RunParameters;

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
 * request with the rerun's codes in {@code request_attempt}, marks those requests with
 * the rerun's number, deletes their outcomes (which puts them back to PENDING), and
 * records the rerun. The issue step then reads exactly them: a batch that completed has
 * no other PENDING request, which this step checks.
 */
public class RerunSelectionTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(RerunSelectionTasklet.class);

    /** The outcomes the rerun retries, as {@code o}. Parameters: status, the codes. */
    private static final String RETRIED = "o.status = ? AND o.result_code IN (%s)";

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

        Integer pending = jdbc.queryForObject(
                "SELECT COUNT(*) FROM issuance_request r WHERE r.batch_id = ? AND " + RequestOutcomes.pending("r"),
                Integer.class, batchId);
        if (pending != null && pending > 0) {
            throw new IllegalStateException("batch " + batchId + " has " + pending
                    + " PENDING requests: its run has not completed, so its rejections cannot be rerun yet");
        }
        String retried = RETRIED.formatted(String.join(",", Collections.nCopies(codes.size(), "?")));
        List<Object> retriedArgs = new ArrayList<>();
        retriedArgs.add(RequestStatus.REJECTED.name());
        codes.forEach(c -> retriedArgs.add(c.code()));

        List<Object> attemptArgs = new ArrayList<>(List.of(rerun, batchId));
        attemptArgs.addAll(retriedArgs);
        jdbc.update("""
                INSERT INTO request_attempt (request_pk, retried_by, batch_id, status, result_code, result_message,
                    correlation_id, processed_at)
                SELECT o.request_pk, ?, r.batch_id, o.status, o.result_code, o.result_message, o.correlation_id,
                       o.processed_at
                  FROM request_outcome o JOIN issuance_request r ON r.id = o.request_pk
                 WHERE r.batch_id = ? AND\s""" + retried, attemptArgs.toArray());
        List<Object> markArgs = new ArrayList<>(List.of(rerun, batchId));
        markArgs.addAll(retriedArgs);
        int selected = jdbc.update("""
                UPDATE issuance_request r SET rerun_no = ?
                 WHERE r.batch_id = ?
                   AND EXISTS (SELECT 1 FROM request_outcome o WHERE o.request_pk = r.id AND\s""" + retried + ")",
                markArgs.toArray());
        List<Object> deleteArgs = new ArrayList<>(retriedArgs);
        deleteArgs.add(batchId);
        int deleted = jdbc.update(
                "DELETE FROM request_outcome o WHERE " + retried
                        + " AND o.request_pk IN (SELECT id FROM issuance_request WHERE batch_id = ?)",
                deleteArgs.toArray());
        if (deleted != selected) {
            throw new IllegalStateException("rerun " + rerun + " of batch " + batchId + " marked " + selected
                    + " requests but removed " + deleted + " outcomes");
        }
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
