package com.example.cards.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.example.cards.jobs.BatchRunLock;
import com.example.cards.jobs.RunLocks;
import com.example.cards.request.RequestOutcomes;
import com.example.cards.request.RequestStatus;
import com.example.cards.run.BatchSource;
import com.example.cards.run.JobNames;
import com.example.cards.run.RunParameters;
import com.example.cards.stage.InputFileException;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The nightly run over every staging batch (a staging launch without a batch id). For a
 * run date seen for the first time it fixes the cut-off (now), and in one statement
 * claims every PENDING row of every staging batch created at or before it; then it runs
 * {@code issueStagedJob} once per claimed batch, each under its batch's run lock, with
 * its own outputs. Launched again for the same date, it resumes the batches that did not
 * complete, or, when all completed, says so and returns
 * {@link ExitCodes#ALREADY_COMPLETED}. Rows committed after the claim wait for the next
 * date.
 */
@Component
public class NightlyStagingRun {

    static final String CLAIM_ALL = """
            UPDATE issuance_request SET claim_run_date = ?
             WHERE status = %s AND claim_run_date IS NULL AND created_at <= ?
               AND batch_id NOT IN (SELECT batch_id FROM issuance_batch WHERE source <> %s)"""
        .formatted(RequestStatus.PENDING.literal(), BatchSource.STAGING.literal());

    private final JobOperator jobOperator;

    private final Job job;

    private final RunLocks runLocks;

    private final JdbcTemplate jdbc;

    private final TransactionTemplate tx;

    private final Clock clock;

    NightlyStagingRun(JobOperator jobOperator, @Qualifier(JobNames.ISSUE_STAGED) Job job, RunLocks runLocks,
            JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
        this.jobOperator = jobOperator;
        this.job = job;
        this.runLocks = runLocks;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * Runs the nightly for {@code runDate}; returns the exit code, having printed one
     * line per batch.
     */
    public int run(LocalDate runDate, Path outputDir, PrintStream out, PrintStream err) {
        return run(runDate, outputDir, Map.of(), out, err);
    }

    /**
     * As {@link #run(LocalDate, Path, PrintStream, PrintStream)}, each batch launched
     * with {@code keyParameters} too: the recipients' keys of the run (non-identifying
     * job parameters such as {@code cardDataJwks}).
     */
    public int run(LocalDate runDate, Path outputDir, Map<String, String> keyParameters, PrintStream out,
            PrintStream err) {
        Optional<BatchRunLock> lock = runLocks.acquire("nightly:" + runDate);
        if (lock.isEmpty()) {
            err.println("bulk-issuance: the nightly run for " + runDate
                    + " is already running (another process holds its run lock); this launch was refused and nothing "
                    + "was done");
            return ExitCodes.ALREADY_RUNNING;
        }
        try {
            return runLocked(lock.get(), runDate, outputDir, keyParameters, out, err);
        }
        finally {
            lock.get().close();
        }
    }

    private int runLocked(BatchRunLock nightlyLock, LocalDate runDate, Path outputDir,
            Map<String, String> keyParameters, PrintStream out, PrintStream err) {
        Date date = Date.valueOf(runDate);
        List<Timestamp[]> earlier = jdbc.query("SELECT cutoff, completed_at FROM nightly_run WHERE run_date = ?",
                (rs, i) -> new Timestamp[] { rs.getTimestamp(1), rs.getTimestamp(2) }, date);
        LocalDateTime cutoff;
        if (earlier.isEmpty()) {
            LocalDateTime now = LocalDateTime.now(clock);
            cutoff = now;
            int claimed = tx.execute(status -> {
                jdbc.update("INSERT INTO nightly_run (run_date, cutoff, started_at) VALUES (?, ?, ?)", date,
                        Timestamp.valueOf(now), Timestamp.valueOf(now));
                return jdbc.update(CLAIM_ALL, date, Timestamp.valueOf(now));
            });
            out.println("Nightly run " + runDate + ": claimed " + claimed
                    + " pending staging requests created at or before " + cutoff + ".");
        }
        else {
            cutoff = earlier.get(0)[0].toLocalDateTime();
            Timestamp completed = earlier.get(0)[1];
            if (completed != null) {
                err.println("bulk-issuance: the nightly run for " + runDate + " already completed (at "
                        + completed.toLocalDateTime() + ", cut-off " + cutoff + "); nothing was done. "
                        + "Requests written since wait for the next run date.");
                return ExitCodes.ALREADY_COMPLETED;
            }
            out.println("Nightly run " + runDate + ": resuming (cut-off " + cutoff + ").");
        }
        warnAboutOlderClaims(runDate, err);

        List<String> batches = jdbc.queryForList(
                "SELECT DISTINCT batch_id FROM issuance_request WHERE claim_run_date = ? ORDER BY batch_id",
                String.class, date);
        List<Integer> codes = new ArrayList<>();
        for (String batchId : batches) {
            if (nightlyLock.lost().isPresent()) {
                err.println("bulk-issuance: the run lock of the nightly run for " + runDate + " was lost ("
                        + nightlyLock.lost().get() + "); no further batch is started");
                codes.add(ExitCodes.STOPPED);
                break;
            }
            int code = runBatch(batchId, runDate, cutoff, outputDir, keyParameters, out, err);
            codes.add(code);
            if (code == ExitCodes.STOPPED) {
                // asked to stop (a signal, jobs/stop.sh, a lost run lock): the whole
                // night stops
                break;
            }
        }
        if (codes.stream().allMatch(c -> c == ExitCodes.COMPLETED || c == ExitCodes.ALREADY_COMPLETED)) {
            jdbc.update("UPDATE nightly_run SET completed_at = ? WHERE run_date = ?",
                    Timestamp.valueOf(LocalDateTime.now(clock)), date);
            out.println("Nightly run " + runDate + " COMPLETED: " + batches.size() + " batch(es).");
            return ExitCodes.COMPLETED;
        }
        for (int worst : List.of(ExitCodes.FAILED, ExitCodes.INVALID_INPUT, ExitCodes.STOPPED,
                ExitCodes.ALREADY_RUNNING)) {
            if (codes.contains(worst)) {
                err.println("bulk-issuance: the nightly run for " + runDate + " did not complete every batch; run it "
                        + "again for the same date to resume the others (completed batches are not run twice)");
                return worst;
            }
        }
        return ExitCodes.FAILED;
    }

    private int runBatch(String batchId, LocalDate runDate, LocalDateTime cutoff, Path outputDir,
            Map<String, String> keyParameters, PrintStream out, PrintStream err) {
        Optional<BatchRunLock> lock = runLocks.acquire(batchId);
        if (lock.isEmpty()) {
            err.println("bulk-issuance: batch " + batchId + " is already running in another process; refused here");
            return ExitCodes.ALREADY_RUNNING;
        }
        try {
            JobParametersBuilder parameters = new JobParametersBuilder().addString(RunParameters.BATCH_ID, batchId)
                .addLocalDate(RunParameters.RUN_DATE, runDate)
                .addLocalDateTime(RunParameters.CUTOFF, cutoff, false);
            if (outputDir != null) {
                parameters.addString(RunParameters.OUTPUT_DIR, outputDir.toString(), false);
            }
            keyParameters.forEach((name, value) -> parameters.addString(name, value, false));
            JobParameters jobParameters = parameters.toJobParameters();
            JobExecution execution = jobOperator.start(job, jobParameters);
            BatchStatus status = execution.getStatus();
            if (status == BatchStatus.COMPLETED) {
                out.println("  batch " + batchId + ": COMPLETED (job execution " + execution.getId() + ")");
                return ExitCodes.COMPLETED;
            }
            Throwable cause = execution.getAllFailureExceptions().stream().findFirst().orElse(null);
            if (status == BatchStatus.STOPPED) {
                err.println("bulk-issuance: batch " + batchId + " STOPPED (job execution " + execution.getId() + ")"
                        + runLocks.stopReason().map(reason -> ": " + reason).orElse("")
                        + "; run the nightly again for the same date to resume it");
                return ExitCodes.STOPPED;
            }
            err.println("bulk-issuance: batch " + batchId + " " + status + " (job execution " + execution.getId()
                    + "): " + (cause == null ? "no failure recorded" : rootMessage(cause)));
            return isInputProblem(cause) ? ExitCodes.INVALID_INPUT : ExitCodes.FAILED;
        }
        catch (JobInstanceAlreadyCompleteException ex) {
            out.println("  batch " + batchId + ": already completed for " + runDate);
            return ExitCodes.ALREADY_COMPLETED;
        }
        catch (Exception ex) {
            err.println("bulk-issuance: batch " + batchId + " could not be launched: " + rootMessage(ex));
            return ExitCodes.FAILED;
        }
        finally {
            lock.get().close();
        }
    }

    private void warnAboutOlderClaims(LocalDate runDate, PrintStream err) {
        jdbc.query("""
                SELECT r.batch_id, r.claim_run_date, COUNT(*) FROM issuance_request r
                 WHERE r.claim_run_date < ? AND %s GROUP BY r.batch_id, r.claim_run_date
                 ORDER BY r.batch_id""".formatted(RequestOutcomes.pending("r")), rs -> {
            String batchId = rs.getString(1);
            LocalDate claimed = rs.getDate(2).toLocalDate();
            err.println("bulk-issuance: warning: batch " + batchId + " still has " + rs.getLong(3)
                    + " requests claimed by the unfinished run of " + claimed + "; resume that run with "
                    + "--batch-id " + batchId + " --run-date " + claimed);
        }, Date.valueOf(runDate));
    }

    private static boolean isInputProblem(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InputFileException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

}
