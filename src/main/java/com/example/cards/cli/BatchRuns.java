package com.example.cards.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.example.cards.run.JobNames;
import com.example.cards.run.RunParameters;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/**
 * Every job execution recorded for one batch id, of all four jobs: the batch's own run
 * ({@code issueCardsJob}, or one {@code issueStagedJob} instance per run date), its
 * reruns (one instance each) and its previews (one instance each). All of them carry the
 * batch id itself as their {@code batchId} parameter; a preview stages its rows under
 * {@link RunParameters#previewBatchId}, but is recorded under the batch id.
 *
 * @param batchId the batch id
 * @param executions the executions, oldest first
 */
record BatchRuns(String batchId, List<JobExecution> executions) {

    /** The newest execution of each job instance, in the order the instances began. */
    List<JobExecution> instances() {
        Map<Long, JobExecution> latest = new LinkedHashMap<>();
        for (JobExecution execution : executions) {
            latest.merge(execution.getJobInstance().getInstanceId(), execution,
                    (a, b) -> a.getId() > b.getId() ? a : b);
        }
        return new ArrayList<>(latest.values());
    }

    /**
     * The run a restart of the batch (by batch id) resumes, and the one {@code status}
     * points at: among the job instances whose newest execution is unfinished (FAILED,
     * STOPPED, or still marked running), the oldest issuing run (issue, staging or
     * rerun), because the later runs of a batch build on the earlier ones (a rerun needs
     * the batch completed; a staging run's claimed rows wait for it). A preview only when
     * no issuing run is unfinished, and only the newest preview: an older one is
     * superseded (see {@link #supersedingPreview}).
     */
    Optional<JobExecution> toRestart() {
        List<JobExecution> unfinished = instances().stream().filter(BatchRuns::isUnfinished).toList();
        Optional<JobExecution> issuing = unfinished.stream().filter(e -> !isPreview(e)).findFirst();
        if (issuing.isPresent()) {
            return issuing;
        }
        return unfinished.stream().filter(e -> isPreview(e) && supersedingPreview(e).isEmpty()).findFirst();
    }

    /**
     * The newer preview that supersedes this one: each preview clears the rows earlier
     * previews staged, so an older preview cannot be resumed; it is run again instead.
     */
    Optional<JobExecution> supersedingPreview(JobExecution preview) {
        if (!isPreview(preview)) {
            return Optional.empty();
        }
        return instances().stream()
            .filter(BatchRuns::isPreview)
            .filter(e -> e.getJobInstance().getInstanceId() > preview.getJobInstance().getInstanceId())
            .max(Comparator.comparingLong(e -> e.getJobInstance().getInstanceId()));
    }

    /** The newest execution of the same job instance as {@code execution}. */
    JobExecution latestOf(JobExecution execution) {
        long instance = execution.getJobInstance().getInstanceId();
        return instances().stream()
            .filter(e -> e.getJobInstance().getInstanceId() == instance)
            .findFirst()
            .orElse(execution);
    }

    /** The newest execution still marked running (STARTING, STARTED or STOPPING). */
    Optional<JobExecution> running() {
        return instances().stream().filter(e -> e.getStatus().isRunning()).reduce((a, b) -> b);
    }

    /** The newest execution of the batch's own run or its reruns (not of a preview). */
    Optional<JobExecution> lastIssuing() {
        return executions.stream().filter(e -> !isPreview(e)).reduce((a, b) -> b);
    }

    static boolean isUnfinished(JobExecution execution) {
        BatchStatus status = execution.getStatus();
        return status.isRunning() || status == BatchStatus.FAILED || status == BatchStatus.STOPPED;
    }

    static boolean isPreview(JobExecution execution) {
        return JobNames.PREVIEW_CARDS.equals(execution.getJobInstance().getJobName());
    }

    static boolean isRerun(JobExecution execution) {
        return JobNames.RERUN_FAILED.equals(execution.getJobInstance().getJobName());
    }

    /**
     * What the execution is, for an operator: "issue", "staging run", "rerun 2", or
     * "preview", followed by "of batch ID".
     */
    static String describe(JobExecution execution) {
        String batchId = execution.getJobParameters().getString(RunParameters.BATCH_ID);
        String what = switch (execution.getJobInstance().getJobName()) {
            case JobNames.ISSUE_CARDS -> "issue";
            case JobNames.ISSUE_STAGED -> "staging run";
            case JobNames.RERUN_FAILED -> "rerun " + execution.getJobParameters().getLong(RunParameters.RERUN);
            case JobNames.PREVIEW_CARDS -> "preview";
            default -> execution.getJobInstance().getJobName();
        };
        return what + " of batch " + batchId;
    }

}
