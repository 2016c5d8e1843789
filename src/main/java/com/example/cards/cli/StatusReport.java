package com.example.cards.cli;

import com.example.cards.run.RunParameters;
import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import com.example.cards.jobs.BatchRunLock;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.ApplicationArguments;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code --issuance.command=status [--batch-id=ID | --execution-id=N]}: what happened to
 * a batch. For each job execution it prints the status, each step's counts, then the
 * batch's requests per status and per result code, and the one command to run next.
 * Without an argument it lists the latest executions.
 */
@Component
public class StatusReport {

    /**
     * Codes worth a rerun once their cause is fixed (the member's wallet, the member's
     * status).
     */
    static final Set<String> RERUNNABLE_CODES = Set.of("003_064", "001_006");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final JobRepository jobRepository;

    private final JdbcTemplate jdbc;

    private final DataSource dataSource;

    private final BatchExecutions executions;

    public StatusReport(JobRepository jobRepository, JdbcTemplate jdbc, DataSource dataSource) {
        this.jobRepository = jobRepository;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.executions = new BatchExecutions(jdbc);
    }

    /**
     * Prints the report; returns the exit code (0, or 2 when there is nothing by that
     * id).
     */
    public int print(ApplicationArguments args, PrintStream out) {
        String executionId = RestartCommand.single(args, "execution-id");
        String batchId = RestartCommand.single(args, "batch-id");
        if (executionId == null && batchId == null && args.getNonOptionArgs().size() == 1) {
            String id = args.getNonOptionArgs().get(0);
            if (id.chars().allMatch(Character::isDigit)) {
                executionId = id;
            }
            else {
                batchId = id;
            }
        }
        if (executionId != null) {
            JobExecution execution;
            try {
                execution = jobRepository.getJobExecution(Long.parseLong(executionId.trim()));
            }
            catch (NumberFormatException ex) {
                execution = null;
            }
            if (execution == null) {
                throw new RestartCommand.Refused(ExitCodes.INVALID_INPUT, "there is no job execution " + executionId);
            }
            batchId = execution.getJobParameters().getString(RunParameters.BATCH_ID);
        }
        if (batchId == null) {
            List<Long> recent = executions.recent(20);
            out.println(recent.isEmpty() ? "No issuance job has run yet." : "Latest job executions (newest first):");
            for (Long id : recent) {
                JobExecution e = jobRepository.getJobExecution(id);
                out.printf("  %-6d %-10s batch %-40s run date %s  started %s%n", id, shownStatus(e),
                        e.getJobParameters().getString(RunParameters.BATCH_ID),
                        e.getJobParameters().getLocalDate(RunParameters.RUN_DATE), time(e.getStartTime()));
            }
            if (!recent.isEmpty()) {
                out.println("Details of one batch: jobs/status.sh --batch-id ID");
            }
            return ExitCodes.COMPLETED;
        }
        List<Long> ids = executions.ofBatch(batchId);
        if (ids.isEmpty()) {
            throw new RestartCommand.Refused(ExitCodes.INVALID_INPUT, "batch " + batchId + " has never run");
        }
        printBatch(batchId, ids, out);
        return ExitCodes.COMPLETED;
    }

    private void printBatch(String batchId, List<Long> ids, PrintStream out) {
        out.println("Batch " + batchId);
        JobExecution last = null;
        for (Long id : ids) {
            JobExecution e = jobRepository.getJobExecution(id);
            last = e;
            out.printf("  job execution %d  %s  run date %s  started %s  ended %s%n", id, shownStatus(e),
                    e.getJobParameters().getLocalDate(RunParameters.RUN_DATE), time(e.getStartTime()),
                    time(e.getEndTime()));
            if (e.getStatus() == BatchStatus.FAILED && e.getExitStatus() != null
                    && !e.getExitStatus().getExitDescription().isBlank()) {
                out.println("    failure: " + firstLine(e.getExitStatus().getExitDescription()));
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
        Map<String, Long> byStatus = counts("status", batchId);
        Map<String, Long> byCode = counts("result_code", batchId);
        long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
        out.println("  requests: " + total + (byStatus.isEmpty() ? "" : "  " + join(byStatus)));
        if (!byCode.isEmpty()) {
            out.println("  by result code: " + join(byCode));
        }
        out.println("  next: " + next(batchId, last, byCode));
    }

    /** The one command that brings the batch on; see docs/operations.md. */
    String next(String batchId, JobExecution last, Map<String, Long> byCode) {
        BatchStatus status = last.getStatus();
        if (status.isRunning()) {
            if (BatchRunLock.isHeld(dataSource, batchId)) {
                return "nothing: it is running. Wait for it, or stop it with SIGTERM (kill PID): it stops at the next "
                        + "chunk and can be restarted";
            }
            return "killed (left " + status + " by a process that is gone): jobs/restart.sh " + last.getId()
                    + " recovers and resumes it";
        }
        if (status == BatchStatus.FAILED || status == BatchStatus.STOPPED) {
            return "jobs/restart.sh " + last.getId()
                    + " (resumes from the last committed chunk; nothing is issued twice)";
        }
        if (status == BatchStatus.COMPLETED) {
            long rerunnable = byCode.entrySet()
                .stream()
                .filter(c -> RERUNNABLE_CODES.contains(c.getKey()))
                .mapToLong(Map.Entry::getValue)
                .sum();
            if (rerunnable > 0) {
                return "nothing for the run itself. " + rerunnable + " request(s) were rejected with a code that "
                        + "can succeed later " + RERUNNABLE_CODES.stream().sorted().toList()
                        + ": once the cause is fixed, jobs/rerun-failed.sh --batch-id " + batchId;
            }
            return "nothing: the batch completed; rejected records, if any, are in the rejections file";
        }
        return "nothing can resume a " + status + " execution; submit the file again under a new batch id";
    }

    private Map<String, Long> counts(String column, String batchId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query("SELECT " + column + ", COUNT(*) FROM issuance_request WHERE batch_id = ? GROUP BY " + column
                + " ORDER BY " + column, rs -> {
                    String key = rs.getString(1);
                    counts.put(key == null ? "(none yet)" : key, rs.getLong(2));
                }, batchId);
        return counts;
    }

    private static String shownStatus(JobExecution e) {
        return e.getStatus().toString();
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
