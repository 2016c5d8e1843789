package com.example.cards.cli;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.example.cards.jobs.BatchRunLock;
import com.example.cards.jobs.LaunchPlanner;
import com.example.cards.request.RequestOutcomes;
import com.example.cards.request.ResultCode;
import com.example.cards.run.JobNames;
import com.example.cards.run.RunParameters;
import com.example.cards.run.StepProgress;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.ApplicationArguments;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code --issuance.command=status [--batch-id=ID | --execution-id=N]}: what happened to
 * a batch. For each job execution of the batch (its issue or staging runs, its reruns,
 * its previews) it prints the status, each step's counts, then the batch's requests per
 * status and per result code, and the one command to run next. Without an argument it
 * lists the latest executions.
 */
@Component
public class StatusReport {

    /**
     * The retryable codes ({@link ResultCode#retryable()}) as the request table stores
     * them.
     */
    private static final Set<String> RETRYABLE = ResultCode.retryable()
        .stream()
        .map(ResultCode::code)
        .collect(Collectors.toUnmodifiableSet());

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final JdbcTemplate jdbc;

    private final DataSource dataSource;

    private final BatchExecutions executions;

    private final LaunchPlanner launchPlanner;

    StatusReport(JdbcTemplate jdbc, DataSource dataSource, BatchExecutions executions, LaunchPlanner launchPlanner) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.executions = executions;
        this.launchPlanner = launchPlanner;
    }

    /**
     * Prints the report; returns the exit code (0, or 2 when there is nothing by that
     * id).
     */
    public int print(ApplicationArguments args, PrintStream out) {
        RunSelector selector = RunSelector.of(args);
        if (selector.isEmpty()) {
            printRecent(out);
            return ExitCodes.COMPLETED;
        }
        String batchId = selector.batchId() != null ? selector.batchId()
                : executions.byId(selector.executionId()).getJobParameters().getString(RunParameters.BATCH_ID);
        BatchRuns runs = executions.ofBatch(batchId);
        if (runs.executions().isEmpty()) {
            throw new RestartCommand.Refused(ExitCodes.INVALID_INPUT, "batch " + batchId + " has never run");
        }
        printBatch(runs, out);
        return ExitCodes.COMPLETED;
    }

    private void printRecent(PrintStream out) {
        List<JobExecution> recent = executions.recent(20);
        out.println(recent.isEmpty() ? "No issuance job has run yet." : "Latest job executions (newest first):");
        for (JobExecution e : recent) {
            out.printf("  %-6d %-10s %-16s batch %-40s run date %s  started %s%n", e.getId(), e.getStatus(),
                    e.getJobInstance().getJobName(), e.getJobParameters().getString(RunParameters.BATCH_ID),
                    e.getJobParameters().getLocalDate(RunParameters.RUN_DATE), time(e.getStartTime()));
        }
        if (!recent.isEmpty()) {
            out.println("Details of one batch: jobs/status.sh --batch-id ID");
        }
    }

    private void printBatch(BatchRuns runs, PrintStream out) {
        String batchId = runs.batchId();
        out.println("Batch " + batchId);
        for (JobExecution e : runs.executions()) {
            out.printf("  job execution %d  %s  %s  run date %s  started %s  ended %s%n", e.getId(), e.getStatus(),
                    label(e), e.getJobParameters().getLocalDate(RunParameters.RUN_DATE), time(e.getStartTime()),
                    time(e.getEndTime()));
            if (e.getStatus() == BatchStatus.FAILED && e.getExitStatus() != null
                    && !e.getExitStatus().getExitDescription().isBlank()) {
                out.println("    failure: " + firstLine(e.getExitStatus().getExitDescription()));
            }
            String progress = e.getExecutionContext().getString(StepProgress.CONTEXT_KEY, null);
            if (e.getStatus().isRunning() && progress != null) {
                out.println("    progress at " + progress);
            }
            List<StepExecution> steps = new ArrayList<>(e.getStepExecutions());
            steps.sort((a, b) -> Long.compare(a.getId(), b.getId()));
            for (StepExecution s : steps) {
                out.printf("    %-30s %-9s read %d, written %d, filtered %d, commits %d, rollbacks %d%n",
                        s.getStepName(), s.getStatus(), s.getReadCount(), s.getWriteCount(), s.getFilterCount(),
                        s.getCommitCount(), s.getRollbackCount());
                if (s.getStatus() == BatchStatus.FAILED && !s.getExitStatus().getExitDescription().isBlank()
                        && !s.getStepName().equals("issueCards")) {
                    out.println("      failure: " + firstLine(s.getExitStatus().getExitDescription()));
                }
            }
        }
        Map<String, Long> byStatus = counts(RequestOutcomes.STATUS, batchId);
        Map<String, Long> byCode = counts("o.result_code", batchId);
        long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
        out.println("  requests: " + total + (byStatus.isEmpty() ? "" : "  " + join(byStatus)));
        if (!byCode.isEmpty()) {
            out.println("  by result code: " + join(byCode));
        }
        long previewRows = counts(RequestOutcomes.STATUS, RunParameters.previewBatchId(batchId)).values()
            .stream()
            .mapToLong(Long::longValue)
            .sum();
        if (previewRows > 0) {
            out.println("  preview rows left by an unfinished preview (staged under "
                    + RunParameters.previewBatchId(batchId) + "): " + previewRows);
        }
        out.println("  next: " + next(runs, byCode));
    }

    /**
     * The one command that brings the batch on; see docs/operations.md. The run it points
     * at is the one a restart by batch id resumes ({@link BatchRuns#toRestart()}).
     */
    String next(BatchRuns runs, Map<String, Long> byCode) {
        String batchId = runs.batchId();
        Optional<JobExecution> running = runs.running();
        if (running.isPresent() && BatchRunLock.isHeld(dataSource, batchId)) {
            return "nothing: the " + BatchRuns.describe(running.get()) + " is running (job execution "
                    + running.get().getId() + "). Wait for it, or stop it with SIGTERM (kill PID): it stops at the "
                    + "next chunk and can be restarted";
        }
        Optional<JobExecution> unfinished = runs.toRestart();
        if (unfinished.isPresent()) {
            return resume(unfinished.get());
        }
        Optional<JobExecution> issuing = runs.lastIssuing();
        if (issuing.isEmpty()) {
            JobExecution preview = runs.executions().get(runs.executions().size() - 1);
            return "nothing to resume: only previews of this batch have run, and nothing was issued. To issue it: "
                    + "jobs/issue-cards.sh --input " + inputFile(preview) + " --batch-id " + batchId;
        }
        BatchStatus status = issuing.get().getStatus();
        if (status != BatchStatus.COMPLETED) {
            return "nothing can resume a " + status + " execution; submit the file again under a new batch id";
        }
        long retryable = byCode.entrySet()
            .stream()
            .filter(c -> RETRYABLE.contains(c.getKey()))
            .mapToLong(Map.Entry::getValue)
            .sum();
        if (retryable > 0 && rerunPossible(batchId)) {
            return "nothing for the run itself. " + retryable + " request(s) were rejected with a code that "
                    + "can succeed later " + RETRYABLE.stream().sorted().toList()
                    + ": once the cause is fixed, jobs/rerun-failed.sh --batch-id " + batchId;
        }
        return "nothing: the batch completed; rejected records, if any, are in the rejections file";
    }

    private static String resume(JobExecution execution) {
        long id = execution.getId();
        if (execution.getStatus().isRunning()) {
            return "killed (the " + BatchRuns.describe(execution) + " was left " + execution.getStatus()
                    + " by a process that is gone): jobs/restart.sh " + id + " recovers and resumes it";
        }
        String batchId = execution.getJobParameters().getString(RunParameters.BATCH_ID);
        if (BatchRuns.isPreview(execution)) {
            return "the preview " + execution.getStatus() + " (job execution " + id
                    + "; nothing was issued): run the preview again, jobs/issue-cards.sh --dry-run --input "
                    + inputFile(execution) + " --batch-id " + batchId + " (or jobs/restart.sh " + id + " resumes it)";
        }
        if (BatchRuns.isRerun(execution)) {
            return "jobs/restart.sh " + id + " (resumes " + BatchRuns.describe(execution)
                    + " from its last committed chunk; jobs/rerun-failed.sh --batch-id " + batchId
                    + " does the same; nothing is issued twice)";
        }
        return "jobs/restart.sh " + id + " (resumes the " + BatchRuns.describe(execution)
                + " from the last committed chunk; nothing is issued twice)";
    }

    /**
     * Whether a rerun launched now would start: the launch planner decides (a staging
     * batch, an unfinished batch or an unknown one cannot be rerun).
     */
    private boolean rerunPossible(String batchId) {
        JobParameters rerun = new JobParametersBuilder().addString(RunParameters.BATCH_ID, batchId).toJobParameters();
        return launchPlanner.plan(JobNames.RERUN_FAILED, rerun) instanceof LaunchPlanner.Start;
    }

    private static String label(JobExecution e) {
        JobParameters parameters = e.getJobParameters();
        String name = e.getJobInstance().getJobName();
        if (BatchRuns.isRerun(e)) {
            return name + " (rerun " + parameters.getLong(RunParameters.RERUN) + ", codes "
                    + parameters.getString(RunParameters.CODES) + ")";
        }
        return name;
    }

    private static String inputFile(JobExecution execution) {
        String file = execution.getJobParameters().getString(RunParameters.INPUT_FILE);
        return file == null ? "FILE" : file;
    }

    /**
     * The batch's requests counted by {@code expression} over the request and its
     * outcome.
     */
    private Map<String, Long> counts(String expression, String batchId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query("SELECT " + expression + ", COUNT(*) FROM issuance_request r " + RequestOutcomes.join("r")
                + " WHERE r.batch_id = ? GROUP BY " + expression + " ORDER BY " + expression, rs -> {
                    String key = rs.getString(1);
                    counts.put(key == null ? "(none yet)" : key, rs.getLong(2));
                }, batchId);
        return counts;
    }

    private static String join(Map<String, Long> counts) {
        StringBuilder sb = new StringBuilder();
        counts.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ").append(k).append(' ').append(v));
        return sb.toString();
    }

    private static String time(LocalDateTime t) {
        return t == null ? "-" : t.format(TIME);
    }

    /**
     * The root cause of a stored stack trace: its last "Caused by:" line, or its first
     * line.
     */
    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        for (String l : (Iterable<String>) text.lines()::iterator) {
            if (l.startsWith("Caused by: ")) {
                line = l.substring("Caused by: ".length());
            }
        }
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

}
