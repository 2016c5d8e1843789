package com.example.cards.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.example.cards.IssuanceProperties;
import com.example.cards.crypto.FileDigest;
import com.example.cards.export.OutputNames;
import com.example.cards.request.ResultCode;
import com.example.cards.run.BatchSource;
import com.example.cards.run.JobNames;
import com.example.cards.run.RerunCodes;
import com.example.cards.run.RerunStatus;
import com.example.cards.run.RunContext;
import com.example.cards.run.RunParameters;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Decides, before a job starts, what a launch means for the batch it names:
 * <ul>
 * <li>{@code issueCardsJob}: a batch id already submitted is checked against its file
 * (SHA-256) before anything is staged. Another file is refused (exit 2). The same file of
 * a batch that completed returns the earlier results: exit 3 and the paths of its
 * outputs, whatever run date is given, and nothing is issued or rewritten;</li>
 * <li>{@code rerunFailedJob}: numbers the rerun (the next one, or the unfinished one so
 * that it resumes) and checks that the batch completed and that the codes may be
 * retried;</li>
 * <li>{@code previewCardsJob}: gives every preview an instance of its own, so a preview
 * never blocks or completes anything.</li>
 * </ul>
 */
@Component
public class LaunchPlanner {

    /** Launch the job with these parameters. */
    public record Start(JobParameters parameters) implements Plan {
    }

    /**
     * Nothing is started: the outcome is decided. {@code report} goes to standard output,
     * {@code message} to error; the command line turns {@code outcome} into its exit
     * code.
     */
    public record Decided(Outcome outcome, List<String> report, String message) implements Plan {
    }

    /** Why nothing is started. */
    public enum Outcome {

        /** The launch is refused: nothing was issued. */
        REFUSED,

        /** What the launch asks for has been done before. */
        ALREADY_COMPLETED

    }

    public sealed interface Plan permits Start, Decided {

    }

    private final JdbcTemplate jdbc;

    private final Resubmission resubmission;

    private final Clock clock;

    private final Path defaultOutputDir;

    public LaunchPlanner(JdbcTemplate jdbc, Resubmission resubmission, Clock clock, IssuanceProperties properties) {
        this.jdbc = jdbc;
        this.resubmission = resubmission;
        this.clock = clock;
        this.defaultOutputDir = properties.outputDir();
    }

    public Plan plan(String jobName, JobParameters parameters) {
        return switch (jobName) {
            case JobNames.ISSUE_CARDS -> resubmission(parameters);
            case JobNames.RERUN_FAILED -> rerun(parameters);
            case JobNames.PREVIEW_CARDS -> new Start(new JobParametersBuilder(parameters)
                .addString(RunParameters.PREVIEW_RUN, LocalDateTime.now(clock).toString())
                .toJobParameters());
            default -> new Start(parameters);
        };
    }

    /**
     * What to print when a rerun or a preview completed; empty for the issuance job,
     * which prints its own.
     */
    public List<String> completedReport(JobExecution execution) {
        JobParameters parameters = execution.getJobParameters();
        String batchId = parameters.getString(RunParameters.BATCH_ID);
        OutputNames names = new OutputNames(RunParameters.outputDir(parameters, defaultOutputDir), batchId);
        List<String> lines = new ArrayList<>();
        switch (execution.getJobInstance().getJobName()) {
            case JobNames.RERUN_FAILED -> {
                int rerun = RunParameters.rerun(parameters);
                lines.add("Rerun " + rerun + " of batch " + batchId + " COMPLETED (job execution " + execution.getId()
                        + ", codes " + parameters.getString(RunParameters.CODES) + ").");
                OutputNames delta = names.rerun(rerun);
                lines.add("  results:    " + absolute(delta.results()));
                lines.add("  rejections: " + absolute(delta.rejections()));
                lines.add("  manifest:   " + execution.getExecutionContext()
                    .getString(RunContext.MANIFEST_FILE, absolute(delta.manifest()).toString()));
                lines
                    .add("  card data:  " + execution.getExecutionContext().getString(RunContext.CARD_DATA_REPORT, ""));
                lines.add("  summary:    " + absolute(delta.summary()));
            }
            case JobNames.PREVIEW_CARDS -> {
                lines.add("Preview of batch " + batchId + " COMPLETED (job execution " + execution.getId()
                        + "). Nothing was issued.");
                lines.add("  rejections: " + absolute(names.preview().rejections()));
                lines.add("  summary:    " + absolute(names.preview().summary()));
            }
            default -> {
            }
        }
        return lines;
    }

    private Plan resubmission(JobParameters parameters) {
        String batchId = parameters.getString(RunParameters.BATCH_ID);
        LocalDate runDate = parameters.getLocalDate(RunParameters.RUN_DATE);
        String input = parameters.getString(RunParameters.INPUT_FILE);
        if (batchId == null || runDate == null || input == null || !Files.isReadable(Path.of(input))) {
            return new Start(parameters); // the job's validator and registration step say
                                          // what is wrong
        }
        Resubmission.Verdict verdict = resubmission.check(batchId, () -> FileDigest.sha256(Path.of(input)), runDate);
        if (verdict instanceof Resubmission.Refused refused) {
            return new Decided(Outcome.REFUSED, List.of(), refused.reason());
        }
        if (verdict instanceof Resubmission.AlreadyCompleted completed) {
            return alreadyCompleted(batchId, runDate, completed);
        }
        return new Start(parameters);
    }

    /** The earlier outputs stand: their paths, and the reruns since. */
    private Decided alreadyCompleted(String batchId, LocalDate runDate, Resubmission.AlreadyCompleted completed) {
        JobExecution last = completed.execution();
        OutputNames names = new OutputNames(RunParameters.outputDir(last.getJobParameters(), defaultOutputDir),
                batchId);
        List<String> report = new ArrayList<>();
        report.add("Batch " + batchId + " was already issued from this file (run date " + completed.runDate()
                + ", job execution " + last.getId() + "). Nothing new was issued; the earlier results stand:");
        report.add("  results:    " + absolute(names.results()));
        report.add("  rejections: " + absolute(names.rejections()));
        report.add("  manifest:   " + absolute(names.manifest()));
        report.add("  summary:    " + absolute(names.summary()));
        Integer reruns = jdbc.queryForObject("SELECT COUNT(*) FROM issuance_rerun WHERE batch_id = ? AND status = ?",
                Integer.class, batchId, RerunStatus.COMPLETED.name());
        if (reruns != null && reruns > 0) {
            report.add("  reruns since: " + reruns + " (" + absolute(names.rerun(1).summary()).getFileName()
                    + " and so on)");
        }
        return new Decided(Outcome.ALREADY_COMPLETED, report,
                completed.reason(batchId, runDate) + ". Its outputs are in " + absolute(names.results()).getParent());
    }

    private Plan rerun(JobParameters parameters) {
        String batchId = parameters.getString(RunParameters.BATCH_ID);
        if (batchId == null) {
            return new Start(parameters); // the validator says what is missing
        }
        Optional<Resubmission.Registered> registered = resubmission.registered(batchId);
        if (registered.isEmpty()) {
            return new Decided(Outcome.REFUSED, List.of(),
                    "batch " + batchId + " is unknown: there is nothing to rerun. Nothing was done.");
        }
        JobExecution last = resubmission.lastIssuance(batchId, registered.get());
        if (last == null || last.getStatus() != BatchStatus.COMPLETED) {
            String resume = registered.get().source() == BatchSource.STAGING ? "jobs/restart.sh --batch-id " + batchId
                    : "jobs/issue-cards.sh";
            return new Decided(Outcome.REFUSED, List.of(),
                    "batch " + batchId + " has not completed"
                            + (last == null ? "" : " (its last run is " + last.getStatus() + ")") + ": resume it with "
                            + resume + " before rerunning its rejections. Nothing was done.");
        }
        String given = parameters.getString(RunParameters.CODES);
        Set<ResultCode> codes;
        try {
            codes = RerunCodes.parse(given);
        }
        catch (IllegalArgumentException ex) {
            return new Decided(Outcome.REFUSED, List.of(),
                    "rerun of batch " + batchId + " refused: " + ex.getMessage() + ". Nothing was done.");
        }
        Integer done = jdbc.queryForObject("SELECT MAX(rerun_no) FROM issuance_rerun WHERE batch_id = ? AND status = ?",
                Integer.class, batchId, RerunStatus.COMPLETED.name());
        int rerun = (done == null ? 0 : done) + 1;
        LocalDate runDate = parameters.getLocalDate(RunParameters.RUN_DATE, LocalDate.now(clock));
        List<Object[]> unfinished = jdbc.query(
                "SELECT codes, run_date FROM issuance_rerun WHERE batch_id = ? AND rerun_no = ?",
                (rs, i) -> new Object[] { rs.getString(1), rs.getDate(2).toLocalDate() }, batchId, rerun);
        if (!unfinished.isEmpty()) {
            // Resume the rerun that did not finish, on its own terms.
            String recorded = (String) unfinished.get(0)[0];
            if (given != null && !given.isBlank() && !RerunCodes.format(codes).equals(recorded)) {
                return new Decided(Outcome.REFUSED, List.of(),
                        "rerun " + rerun + " of batch " + batchId + " did not finish; it retries codes " + recorded
                                + ". Launch it again with those codes (or " + "none) to resume it. Nothing was done.");
            }
            codes = RerunCodes.parse(recorded);
            runDate = (LocalDate) unfinished.get(0)[1];
        }
        JobParametersBuilder builder = new JobParametersBuilder().addString(RunParameters.BATCH_ID, batchId, true)
            .addLong(RunParameters.RERUN, (long) rerun, true)
            .addLocalDate(RunParameters.RUN_DATE, runDate, false)
            .addString(RunParameters.CODES, RerunCodes.format(codes), false);
        String outputDir = parameters.getString(RunParameters.OUTPUT_DIR);
        if (outputDir != null) {
            builder.addString(RunParameters.OUTPUT_DIR, outputDir, false);
        }
        // The recipients' keys of this rerun's card-data file and manifest.
        for (String name : List.of(RunParameters.CARD_DATA_JWKS, RunParameters.CARD_DATA_KEY_ID,
                RunParameters.MANIFEST_PGP_KEY, RunParameters.MANIFEST_PGP_FINGERPRINT)) {
            if (parameters.getString(name) != null) {
                builder.addString(name, parameters.getString(name), false);
            }
        }
        return new Start(builder.toJobParameters());
    }

    private static Path absolute(Path path) {
        return path.toAbsolutePath().normalize();
    }

}
