package com.example.cards.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.sql.DataSource;

import com.example.cards.IssuanceProperties;
import com.example.cards.crypto.RecipientKeyException;
import com.example.cards.export.ClaimScope;
import com.example.cards.export.OutputNames;
import com.example.cards.export.RecipientKeys;
import com.example.cards.issue.PartitionWorker;
import com.example.cards.jobs.BatchRunLock;
import com.example.cards.jobs.LaunchChecks;
import com.example.cards.jobs.LaunchPlanner;
import com.example.cards.jobs.RunLocks;
import com.example.cards.jobs.issue.IssueJobParameters;
import com.example.cards.jobs.rerun.RerunJobParameters;
import com.example.cards.reference.ReferenceDataLoader;
import com.example.cards.run.JobNames;
import com.example.cards.run.RunContext;
import com.example.cards.run.RunParameters;
import com.example.cards.stage.InputFileException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The application's command line. Jobs launch the Spring Boot way
 * ({@code --spring.batch.job.name=issueCardsJob
 * batchId=... runDate=yyyy-MM-dd inputFile=...});
 * {@code --issuance.command=load-reference-data --members=F
 * --products=F} loads reference data. Every outcome ends in an exit code from
 * {@link ExitCodes} and, when something went wrong, one message on standard error that
 * says what to do next.
 */
@Component
public class JobLaunchCommand implements ApplicationRunner, ExitCodeGenerator {

    private static final Logger log = LoggerFactory.getLogger(JobLaunchCommand.class);

    private final ApplicationContext context;

    private final JobOperator jobOperator;

    private final ObjectProvider<ReferenceDataLoader> referenceData;

    private final Environment environment;

    private final DataSource dataSource;

    private final LaunchPlanner launchPlanner;

    private final RestartCommand restarts;

    private final StatusReport statusReport;

    private final StopCommand stops;

    private final RunLocks runLocks;

    private final int alreadyCompletedExitCode;

    private final PrintStream out = System.out;

    private final PrintStream err = System.err;

    private int exitCode = ExitCodes.COMPLETED;

    /**
     * The reference data loader is resolved on first use: it needs the key ring, which a
     * status report started in its read-only mode never opens.
     */
    public JobLaunchCommand(ApplicationContext context, JobOperator jobOperator,
            ObjectProvider<ReferenceDataLoader> referenceData, Environment environment, DataSource dataSource,
            LaunchPlanner launchPlanner, RestartCommand restarts, StatusReport statusReport, StopCommand stops,
            RunLocks runLocks, IssuanceProperties properties) {
        this.alreadyCompletedExitCode = properties.alreadyCompletedExitCode();
        this.stops = stops;
        this.runLocks = runLocks;
        this.restarts = restarts;
        this.statusReport = statusReport;
        this.dataSource = dataSource;
        this.launchPlanner = launchPlanner;
        this.context = context;
        this.jobOperator = jobOperator;
        this.referenceData = referenceData;
        this.environment = environment;
    }

    @Override
    public int getExitCode() {
        // "already completed" is the one outcome a scheduler may want to count as success
        return exitCode == ExitCodes.ALREADY_COMPLETED ? alreadyCompletedExitCode : exitCode;
    }

    @Override
    public void run(ApplicationArguments args) {
        String command = environment.getProperty("issuance.command", "run-job");
        switch (command) {
            case "none" -> {
            }
            case "load-reference-data" -> loadReferenceData(args);
            case "run-job" -> runJob(args);
            case "restart" -> restart(args);
            case "status" -> status(args);
            case "stop" -> stop(args);
            case "worker" -> worker();
            default -> fail(ExitCodes.INVALID_INPUT, "unknown command '" + command
                    + "': use run-job (the default), load-reference-data, restart, status, stop or worker");
        }
    }

    private void loadReferenceData(ApplicationArguments args) {
        List<String> members = args.getOptionValues("members");
        List<String> products = args.getOptionValues("products");
        if ((members == null || members.isEmpty()) && (products == null || products.isEmpty())) {
            fail(ExitCodes.INVALID_INPUT, "load-reference-data needs --members=FILE and/or --products=FILE");
            return;
        }
        try {
            if (products != null) {
                for (String file : products) {
                    out.println("Loaded " + referenceData.getObject().loadProducts(Path.of(file))
                            + " card products from " + file);
                }
            }
            if (members != null) {
                for (String file : members) {
                    out.println(
                            "Loaded " + referenceData.getObject().loadMembers(Path.of(file)) + " members from " + file);
                }
            }
        }
        catch (ReferenceDataLoader.ReferenceDataException ex) {
            fail(ExitCodes.INVALID_INPUT, "reference data not loaded: " + ex.getMessage());
        }
    }

    private void runJob(ApplicationArguments args) {
        String jobName = environment.getProperty("spring.batch.job.name");
        if (jobName == null || jobName.isBlank()) {
            fail(ExitCodes.INVALID_INPUT, "no job named: use --spring.batch.job.name=" + JobNames.ISSUE_CARDS
                    + " batchId=ID runDate=yyyy-MM-dd inputFile=FILE (or the scripts under jobs/)");
            return;
        }
        if (!context.containsBean(jobName) || !(context.getBean(jobName) instanceof Job job)) {
            fail(ExitCodes.INVALID_INPUT, "no job named '" + jobName + "'; jobs: "
                    + new TreeSet<>(List.of(context.getBeanNamesForType(Job.class))));
            return;
        }
        JobParameters parameters;
        try {
            parameters = parameters(args.getNonOptionArgs());
        }
        catch (IllegalArgumentException ex) {
            fail(ExitCodes.INVALID_INPUT, "invalid job parameters: " + ex.getMessage());
            return;
        }
        // The recipient keys first: they are only read, while the launch checks create a
        // missing output directory.
        if (!JobNames.PREVIEW_CARDS.equals(jobName)) {
            try {
                new RecipientKeys(environment).check(parameters);
            }
            catch (RecipientKeyException ex) {
                fail(ExitCodes.INVALID_INPUT, ex.getMessage() + "; nothing was staged or issued");
                return;
            }
        }
        Optional<String> refusal = context.getBean(LaunchChecks.class).refusal(parameters);
        if (refusal.isPresent()) {
            fail(ExitCodes.INVALID_INPUT, refusal.get());
            return;
        }
        String batchId = parameters.getString(RunParameters.BATCH_ID);
        if (JobNames.ISSUE_STAGED.equals(jobName) && batchId == null) {
            runNightly(parameters);
            return;
        }
        Optional<BatchRunLock> lock = batchId == null ? Optional.empty() : runLocks.acquire(batchId);
        if (batchId != null && lock.isEmpty()) {
            fail(ExitCodes.ALREADY_RUNNING, "batch " + batchId
                    + " is already running (another process holds its run lock); this launch was refused and nothing was done");
            return;
        }
        JobParameters launched = parameters;
        try {
            LaunchPlanner.Plan plan = launchPlanner.plan(jobName, parameters);
            if (plan instanceof LaunchPlanner.Decided decided) {
                decided.report().forEach(out::println);
                fail(decided.outcome() == LaunchPlanner.Outcome.ALREADY_COMPLETED ? ExitCodes.ALREADY_COMPLETED
                        : ExitCodes.INVALID_INPUT, decided.message());
                return;
            }
            launched = ((LaunchPlanner.Start) plan).parameters();
            report(jobOperator.start(job, launched));
        }
        catch (InvalidJobParametersException ex) {
            fail(ExitCodes.INVALID_INPUT, "invalid job parameters: " + ex.getMessage());
        }
        catch (JobInstanceAlreadyCompleteException ex) {
            fail(ExitCodes.ALREADY_COMPLETED,
                    "batch " + parameters.getString(RunParameters.BATCH_ID) + " for run date "
                            + parameters.getLocalDate(RunParameters.RUN_DATE)
                            + " has already completed; nothing was done. Its outputs are in "
                            + outputDirectory(parameters).toAbsolutePath());
        }
        catch (JobExecutionAlreadyRunningException ex) {
            // We hold the run lock, so no process is running it: the execution was left
            // STARTED by a process that died.
            try {
                report(restarts.recoverAndStart(job, launched));
            }
            catch (Exception again) {
                fail(ExitCodes.FAILED,
                        "batch " + batchId + " was left running by a process that died and could not be recovered",
                        again);
            }
        }
        catch (Exception ex) {
            fail(ExitCodes.FAILED, "could not launch " + jobName, ex);
        }
        finally {
            lock.ifPresent(BatchRunLock::close);
        }
    }

    /**
     * A staging launch without a batch id: every staging batch pending up to now (see
     * NightlyStagingRun).
     */
    private void runNightly(JobParameters parameters) {
        LocalDate runDate = parameters.getLocalDate(RunParameters.RUN_DATE);
        if (runDate == null) {
            fail(ExitCodes.INVALID_INPUT, "runDate is required (yyyy-MM-dd)");
            return;
        }
        String dir = parameters.getString(RunParameters.OUTPUT_DIR);
        Map<String, String> keys = new TreeMap<>();
        for (String name : List.of(RunParameters.CARD_DATA_JWKS, RunParameters.CARD_DATA_KEY_ID,
                RunParameters.MANIFEST_PGP_KEY, RunParameters.MANIFEST_PGP_FINGERPRINT)) {
            if (parameters.getString(name) != null) {
                keys.put(name, parameters.getString(name));
            }
        }
        exitCode = context.getBean(NightlyStagingRun.class)
            .run(runDate, dir == null ? null : Path.of(dir), keys, out, err);
    }

    private void restart(ApplicationArguments args) {
        try {
            report(restarts.restart(args));
        }
        catch (RestartCommand.Refused ex) {
            fail(ex.exitCode(), ex.getMessage());
        }
    }

    private void status(ApplicationArguments args) {
        try {
            exitCode = statusReport.print(args, out);
        }
        catch (RestartCommand.Refused ex) {
            fail(ex.exitCode(), ex.getMessage());
        }
    }

    private void stop(ApplicationArguments args) {
        try {
            exitCode = stops.stop(args, out);
        }
        catch (RestartCommand.Refused ex) {
            fail(ex.exitCode(), ex.getMessage());
        }
    }

    /**
     * A remote-partitioning worker (jobs/worker.sh): serves issue-step partitions until
     * the process is stopped.
     */
    private void worker() {
        try {
            exitCode = context.getBean(PartitionWorker.class).serve(out);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    static JobParameters parameters(List<String> arguments) {
        JobParametersBuilder builder = new JobParametersBuilder();
        for (String argument : arguments) {
            int eq = argument.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + argument + "' is not name=value");
            }
            String name = argument.substring(0, eq);
            String value = argument.substring(eq + 1);
            if (!IssueJobParameters.NAMES.contains(name) && !RerunJobParameters.NAMES.contains(name)) {
                TreeSet<String> known = new TreeSet<>(IssueJobParameters.NAMES);
                known.addAll(RerunJobParameters.NAMES);
                throw new IllegalArgumentException("unknown parameter '" + name + "'; known: " + known);
            }
            boolean identifying = IssueJobParameters.IDENTIFYING.contains(name);
            if (RunParameters.RUN_DATE.equals(name)) {
                try {
                    builder.addLocalDate(name, LocalDate.parse(value), true);
                }
                catch (DateTimeParseException ex) {
                    throw new IllegalArgumentException("runDate '" + value + "' is not a date (yyyy-MM-dd)");
                }
            }
            else {
                builder.addString(name, value, identifying);
            }
        }
        return builder.toJobParameters();
    }

    private void report(JobExecution execution) {
        BatchStatus status = execution.getStatus();
        String batchId = execution.getJobParameters().getString(RunParameters.BATCH_ID);
        List<String> completed = status == BatchStatus.COMPLETED ? launchPlanner.completedReport(execution) : List.of();
        if (!completed.isEmpty()) {
            completed.forEach(out::println);
            exitCode = ExitCodes.COMPLETED;
            return;
        }
        if (status == BatchStatus.COMPLETED) {
            OutputNames names = new OutputNames(outputDirectory(execution.getJobParameters()), outputStem(execution));
            out.println("Batch " + batchId + " COMPLETED (job execution " + execution.getId() + ").");
            out.println("  results:    " + names.results().toAbsolutePath().normalize());
            out.println("  rejections: " + names.rejections().toAbsolutePath().normalize());
            out.println("  manifest:   " + execution.getExecutionContext()
                .getString(RunContext.MANIFEST_FILE, names.manifest().toAbsolutePath().normalize().toString()));
            out.println("  card data:  " + execution.getExecutionContext().getString(RunContext.CARD_DATA_REPORT, ""));
            out.println("  summary:    " + names.summary().toAbsolutePath().normalize());
            exitCode = ExitCodes.COMPLETED;
            return;
        }
        if (status == BatchStatus.STOPPED) {
            String why = runLocks.stopReason().map(reason -> ": " + reason).orElse("");
            fail(ExitCodes.STOPPED, "batch " + batchId + " STOPPED (job execution " + execution.getId() + ")" + why
                    + "; run the same command again to resume it from its last committed chunk");
            return;
        }
        Optional<InputFileException> input = FailureCause.all(execution)
            .stream()
            .map(failure -> find(failure, InputFileException.class))
            .filter(Objects::nonNull)
            .findFirst();
        if (input.isPresent()) {
            fail(ExitCodes.INVALID_INPUT,
                    input.get().getMessage() + " (job execution " + execution.getId() + "; nothing was issued)");
            return;
        }
        String cause = FailureCause.of(execution).map(FailureCause::describe).orElse("no failure recorded");
        fail(ExitCodes.FAILED,
                "batch " + batchId + " " + status + " (job execution " + execution.getId() + "): " + cause
                        + ". Fix the cause and run the same command again: it resumes from the last "
                        + "committed chunk and issues nothing twice." + FailureCause.logFileNote(environment));
    }

    /**
     * Output names of a staging run carry its run date too (a staging batch can span
     * several runs).
     */
    private static String outputStem(JobExecution execution) {
        String claimed = execution.getExecutionContext().getString(RunContext.CLAIM_RUN_DATE, null);
        String batchId = execution.getJobParameters().getString(RunParameters.BATCH_ID);
        return claimed == null ? batchId : new ClaimScope(batchId, LocalDate.parse(claimed)).outputStem();
    }

    private Path outputDirectory(JobParameters parameters) {
        return RunParameters.outputDir(parameters, Path.of(environment.getProperty("issuance.output-dir", "output")));
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    /** A failure the job repository did not record: its stack trace goes to the log. */
    private void fail(int code, String message, Exception failure) {
        log.error(message, failure);
        fail(code, message + ": " + FailureCause.describe(failure) + FailureCause.logFileNote(environment));
    }

    private void fail(int code, String message) {
        exitCode = code;
        err.println("bulk-issuance: " + message);
    }

}
