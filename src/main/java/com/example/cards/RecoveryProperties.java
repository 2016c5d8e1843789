package com.example.cards;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a run copes with trouble (prefix {@code issuance.recovery}); docs/configuration.md
 * lists each property with its default.
 *
 * @param retryLimit retries of one read, process or write of the issue step after a
 * transient database fault, before the step fails (the run is then FAILED and
 * restartable)
 * @param retryDelay the wait before the first retry
 * @param retryMultiplier how much the wait grows with each further retry
 * @param retryMaxDelay the longest wait between two retries
 * @param stopTimeout how long a SIGTERM (or an application shutdown) waits for the
 * running job to stop at its next chunk boundary
 * @param lockHeartbeat how often a run checks that its batch run lock's database session
 * is alive; a run that finds it lost stops at its next chunk boundary (keep it below any
 * idle-session timeout of the database)
 */
@Validated
@ConfigurationProperties("issuance.recovery")
public record RecoveryProperties(@DefaultValue("3") @Min(0) @Max(100) int retryLimit,
        @DefaultValue("200ms") @NotNull Duration retryDelay,
        @DefaultValue("2.0") @DecimalMin("1.0") double retryMultiplier,
        @DefaultValue("10s") @NotNull Duration retryMaxDelay, @DefaultValue("60s") @NotNull Duration stopTimeout,
        @DefaultValue("5s") @NotNull Duration lockHeartbeat) {
}
