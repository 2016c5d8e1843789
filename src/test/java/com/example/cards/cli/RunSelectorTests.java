package com.example.cards.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.DefaultApplicationArguments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RunSelectorTests {

    @ParameterizedTest(name = "{0} -> execution {1}, batch {2}")
    @CsvSource(delimiter = '|', nullValues = "null",
            value = { "''                 | null | null", "--execution-id=42 | 42   | null",
                    "42                 | 42   | null", "--batch-id=B-1     | null | B-1",
                    "B-1                | null | B-1", "--spring.x=1       | null | null" })
    void readsAnExecutionIdOrABatchId(String argument, Long executionId, String batchId) {
        String[] args = argument.isEmpty() ? new String[0] : new String[] { argument };
        RunSelector selector = RunSelector.of(new DefaultApplicationArguments(args));
        assertThat(selector).isEqualTo(new RunSelector(executionId, batchId));
        assertThat(selector.isEmpty()).isEqualTo(executionId == null && batchId == null);
    }

    @ParameterizedTest(name = "{0} {1} is refused: {2}")
    @CsvSource(delimiter = '|', value = { "--execution-id=x | --spring.x=1     | is not a job execution id",
            "--batch-id=A     | --batch-id=B     | --batch-id given more than once",
            "--batch-id=A     | --execution-id=1 | not both", "A                | B                | not several",
            "--batch-id=A     | 42               | not several" })
    void refusesWithExitCode2(String first, String second, String message) {
        RestartCommand.Refused refused = catchThrowableOfType(RestartCommand.Refused.class,
                () -> RunSelector.of(new DefaultApplicationArguments(first, second)));
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(refused).hasMessageContaining(message);
    }

}
