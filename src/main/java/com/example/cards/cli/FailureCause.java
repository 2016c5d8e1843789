package com.example.cards.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.BeansException;
import org.springframework.boot.logging.LogFile;
import org.springframework.core.env.PropertyResolver;

/**
 * What made a run fail, said on one line for standard error (the stack trace is in the
 * log file).
 */
final class FailureCause {

    private FailureCause() {
    }

    /**
     * The failure that made a job execution fail. A partitioned step's own failure only
     * says that a partition failed ("Partition handler returned an unsuccessful step"),
     * and the job execution gathers its failures in no particular order: the partitions'
     * failures come first, in the order of their step executions.
     */
    static Optional<Throwable> of(JobExecution execution) {
        List<Throwable> failures = all(execution);
        return failures.stream().filter(f -> !isSummary(f)).findFirst().or(() -> failures.stream().findFirst());
    }

    /**
     * Every failure of a job execution: its steps' in the order they were created, then
     * the job's own.
     */
    static List<Throwable> all(JobExecution execution) {
        List<Throwable> failures = new ArrayList<>();
        execution.getStepExecutions()
            .stream()
            .sorted(Comparator.comparingLong(StepExecution::getId))
            .forEach(step -> failures.addAll(step.getFailureExceptions()));
        failures.addAll(execution.getFailureExceptions());
        return failures;
    }

    /**
     * Spring Batch's word that a step or a partition ended unsuccessfully, with no cause
     * of its own.
     */
    private static boolean isSummary(Throwable failure) {
        return failure instanceof JobExecutionException && failure.getCause() == null;
    }

    /**
     * The failure's chain of causes on one line: each message that says something new,
     * then the root cause with its type. Bean-wiring wrappers ("Error creating bean ...")
     * and messages that only repeat their cause are left out.
     */
    static String describe(Throwable failure) {
        List<String> said = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable root = failure;
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            root = t;
            String message = oneLine(t.getMessage());
            if (!message.isEmpty() && !(t instanceof BeansException) && !repeatsCause(t, message)
                    && t.getCause() != null) {
                said.add(message);
            }
        }
        String rootMessage = oneLine(root.getMessage());
        said.add(root.getClass().getSimpleName() + (rootMessage.isEmpty() ? "" : ": " + rootMessage));
        return String.join("; caused by ", said);
    }

    private static boolean repeatsCause(Throwable t, String message) {
        Throwable cause = t.getCause();
        return cause != null && cause.getMessage() != null && message.contains(oneLine(cause.getMessage()));
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * Where the stack trace is, for the end of a failure's line ("" when there is no log
     * file).
     */
    static String logFileNote(PropertyResolver properties) {
        LogFile file = LogFile.get(properties);
        return file == null ? "" : " (stack trace in " + Path.of(file.toString()).toAbsolutePath().normalize() + ")";
    }

}
