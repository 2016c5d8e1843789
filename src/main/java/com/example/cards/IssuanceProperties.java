package com.example.cards;

import java.nio.file.Path;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Typed configuration of the job (prefix {@code issuance}); every property and its
 * default is listed in docs/configuration.md.
 *
 * @param chunkSize requests per transaction in the stage and issue steps
 * @param gridSize partitions (threads) of the issue step
 * @param stagingPartitions partitions (threads) of the stage step, each reading its own
 * byte range of the CSV file
 * @param counterBlockSize card-number counter values taken from the database at a time,
 * per BIN
 * @param outputDir where result files are written unless the job parameter
 * {@code outputDir} says otherwise
 * @param alreadyCompletedExitCode the exit code of a launch that finds its run already
 * completed (nothing done): 3 by default; a scheduler that counts that as success sets it
 * to 0 (the Kubernetes CronJob does), so no wrapping shell has to map it
 * @param partitioning where the issue step's partitions run: {@code local} (threads of
 * this process, the default) or {@code remote} (worker processes, through RabbitMQ; see
 * {@code issuance.remote.*})
 */
@Validated
@ConfigurationProperties("issuance")
public record IssuanceProperties(@DefaultValue("500") @Min(1) @Max(10000) int chunkSize,
        @DefaultValue("2") @Min(1) @Max(64) int gridSize, @DefaultValue("2") @Min(1) @Max(64) int stagingPartitions,
        @DefaultValue("1000") @Min(1) @Max(1000000) int counterBlockSize,
        @DefaultValue("output") @NotNull Path outputDir,
        @DefaultValue("3") @Min(0) @Max(255) int alreadyCompletedExitCode,
        @DefaultValue("local") @NotNull Partitioning partitioning) {

    /** Where the issue step's partitions run. */
    public enum Partitioning {

        /** On threads of the process that runs the job. */
        LOCAL,

        /** On worker processes that take them from RabbitMQ. */
        REMOTE

    }

}
