package com.example.cards.issue;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Remote partitioning of the issue step (prefix {@code issuance.remote}), used when
 * {@code issuance.partitioning=remote} (the manager) or {@code issuance.command=worker}
 * (a worker); the broker itself is {@code spring.rabbitmq.*}. docs/configuration.md lists
 * each property with its default.
 *
 * @param queue the durable RabbitMQ queue that carries the issue step's partitions: one
 * per deployment (database), shared by its manager and its workers
 * @param pollInterval how often the manager reads the job repository to see whether every
 * partition has ended
 * @param timeout how long the manager waits for all partitions to end; when it passes,
 * the partitions still unfinished are marked FAILED and the run fails (restartable). Set
 * it above the longest run the workers need
 * @param workerThreads partitions one worker process runs at once (one per core of the
 * worker's machine is a good start)
 */
@Validated
@ConfigurationProperties("issuance.remote")
public record RemotePartitioningProperties(@DefaultValue("bulk-issuance.issue-partitions") @NotBlank String queue,
        @DefaultValue("2s") @NotNull Duration pollInterval, @DefaultValue("6h") @NotNull Duration timeout,
        @DefaultValue("2") @Min(1) @Max(64) int workerThreads) {
}
