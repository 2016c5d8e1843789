package com.example.cards.jobs;

import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Supplier;

import com.example.cards.run.BatchSource;
import com.example.cards.run.JobNames;
import com.example.cards.run.RunParameters;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The resubmission rule, in one place: a batch id names one file (SHA-256) and one run
 * date. Another file under a registered batch id is refused; the same file of a batch
 * that completed is already done, whatever run date is given; the same file of an
 * unfinished batch resumes only under its own run date.
 *
 * <p>
 * {@link LaunchPlanner} asks before a launch, to answer with an outcome and nothing
 * started; the registration step of {@code issueCardsJob} asks again inside the job, for
 * the launches that do not go through the planner (a job started directly by its
 * operator), so that no path issues a wrong submission.
 */
@Component
public class Resubmission {

    /** What a submission of a file under a batch id is. */
    public sealed interface Verdict permits FirstSubmission, SameSubmission, AlreadyCompleted, Refused {

    }

    /** No batch has this id yet: register it. */
    public record FirstSubmission() implements Verdict {
    }

    /** The same file and run date as the registered batch, which has not completed. */
    public record SameSubmission() implements Verdict {
    }

    /**
     * The same file as a batch that completed, on {@code runDate} in {@code execution}:
     * nothing to do.
     */
    public record AlreadyCompleted(LocalDate runDate, JobExecution execution) implements Verdict {

        /** Why nothing is done, for a launch with run date {@code given}. */
        public String reason(String batchId, LocalDate given) {
            return "batch " + batchId + " for run date " + runDate + " has already completed; nothing was done"
                    + (given.equals(runDate) ? "" : " (the run date given, " + given
                            + ", was ignored: the batch was issued for " + runDate + ")");
        }

    }

    /** Refused: another file, or another run date of an unfinished batch. */
    public record Refused(String reason) implements Verdict {
    }

    private final JdbcTemplate jdbc;

    private final JobRepository jobRepository;

    public Resubmission(JdbcTemplate jdbc, JobRepository jobRepository) {
        this.jdbc = jdbc;
        this.jobRepository = jobRepository;
    }

    /**
     * @param sha256 the file's SHA-256, computed only when the batch id is already
     * registered
     */
    public Verdict check(String batchId, Supplier<String> sha256, LocalDate runDate) {
        Optional<Registered> registered = registered(batchId);
        if (registered.isEmpty()) {
            return new FirstSubmission();
        }
        Registered batch = registered.get();
        String sha = sha256.get();
        if (!sha.equals(batch.sha256())) {
            return new Refused("batch " + batchId + " was already submitted with a different file (SHA-256 "
                    + batch.sha256() + "); this file's SHA-256 is " + sha
                    + ". It was refused: nothing of it was staged or issued. Submit a new file under a new batch id.");
        }
        JobExecution last = lastIssuance(batchId, batch.runDate());
        if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
            return new AlreadyCompleted(batch.runDate(), last);
        }
        if (!runDate.equals(batch.runDate())) {
            return new Refused("batch " + batchId + " was submitted for run date " + batch.runDate()
                    + " and has not completed. Resume it with runDate=" + batch.runDate()
                    + " (jobs/issue-cards.sh --run-date " + batch.runDate() + "). Nothing was done.");
        }
        return new SameSubmission();
    }

    /** The batch registered under {@code batchId}, if any. */
    public Optional<Registered> registered(String batchId) {
        return jdbc
            .query("SELECT run_date, input_sha256, source FROM issuance_batch WHERE batch_id = ?",
                    (rs, i) -> new Registered(rs.getDate(1).toLocalDate(),
                            rs.getString(2) == null ? null : rs.getString(2).trim(),
                            BatchSource.valueOf(rs.getString(3).trim())),
                    batchId)
            .stream()
            .findFirst();
    }

    /** The last execution of the batch's issuance under {@code runDate}, or null. */
    public JobExecution lastIssuance(String batchId, LocalDate runDate) {
        return jobRepository.getLastJobExecution(JobNames.ISSUE_CARDS,
                new JobParametersBuilder().addString(RunParameters.BATCH_ID, batchId, true)
                    .addLocalDate(RunParameters.RUN_DATE, runDate, true)
                    .toJobParameters());
    }

    /**
     * The last run that issued the batch's requests: for a CSV batch its
     * {@code issueCardsJob} under its run date; for a staging batch, which each nightly
     * run claims under that night's date, the newest {@code issueStagedJob} run of it.
     * Null if none.
     */
    public JobExecution lastIssuance(String batchId, Registered batch) {
        if (batch.source() != BatchSource.STAGING) {
            return lastIssuance(batchId, batch.runDate());
        }
        Long newest = jdbc.queryForObject(LAST_STAGED_RUN, Long.class, JobNames.ISSUE_STAGED, RunParameters.BATCH_ID,
                batchId);
        return newest == null ? null : jobRepository.getJobExecution(newest);
    }

    private static final String LAST_STAGED_RUN = """
            SELECT MAX(e.JOB_EXECUTION_ID)
              FROM BATCH_JOB_EXECUTION e
              JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
              JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
             WHERE i.JOB_NAME = ? AND p.PARAMETER_NAME = ? AND p.PARAMETER_VALUE = ?""";

    /**
     * A registered batch: its run date (a staging batch's first), its file's SHA-256
     * (none for a staging batch) and where its requests came from.
     */
    public record Registered(LocalDate runDate, String sha256, BatchSource source) {
    }

}
