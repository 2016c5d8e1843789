package com.example.cards.cli;

import java.util.List;

import org.springframework.boot.ApplicationArguments;

/**
 * Which runs {@code status} and {@code restart} act on: a job execution id
 * ({@code --execution-id=N}, or one bare number), a batch id ({@code --batch-id=ID}, or
 * one bare word), or nothing (status then lists the latest executions). The one place
 * these arguments are read: the scripts' {@code parse_run_args} ({@code jobs/lib.sh})
 * only joins {@code --batch-id ID} into one argument and passes a bare id on as it is.
 *
 * @param executionId the job execution id, or {@code null}
 * @param batchId the batch id, or {@code null}
 */
record RunSelector(Long executionId, String batchId) {

    static final String USAGE = "one job execution id (--execution-id=N) or one batch id (--batch-id=ID)";

    /**
     * Reads the arguments; refuses (exit 2) an option given twice, both kinds of id at
     * once, more than one id, and an execution id that is not a number.
     */
    static RunSelector of(ApplicationArguments args) {
        String executionId = single(args, "execution-id");
        String batchId = single(args, "batch-id");
        List<String> bare = args.getNonOptionArgs();
        if (bare.size() > 1 || (!bare.isEmpty() && (executionId != null || batchId != null))) {
            throw new RestartCommand.Refused(ExitCodes.INVALID_INPUT, "give " + USAGE + ", not several");
        }
        if (bare.size() == 1) {
            String id = bare.get(0);
            if (id.chars().allMatch(Character::isDigit)) {
                executionId = id;
            }
            else {
                batchId = id;
            }
        }
        if (executionId != null && batchId != null) {
            throw new RestartCommand.Refused(ExitCodes.INVALID_INPUT, "give " + USAGE + ", not both");
        }
        if (executionId == null) {
            return new RunSelector(null, batchId == null || batchId.isBlank() ? null : batchId.trim());
        }
        try {
            return new RunSelector(Long.parseLong(executionId.trim()), null);
        }
        catch (NumberFormatException ex) {
            throw new RestartCommand.Refused(ExitCodes.INVALID_INPUT,
                    "'" + executionId + "' is not a job execution id");
        }
    }

    boolean isEmpty() {
        return executionId == null && batchId == null;
    }

    private static String single(ApplicationArguments args, String name) {
        List<String> values = args.getOptionValues(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new RestartCommand.Refused(ExitCodes.INVALID_INPUT, "--" + name + " given more than once");
        }
        return values.get(0);
    }

}
