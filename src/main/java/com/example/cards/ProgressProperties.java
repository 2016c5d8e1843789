package com.example.cards;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a run reports its progress (prefix {@code issuance.progress});
 * docs/configuration.md lists each property with its default.
 *
 * @param interval how often the long steps (stage, issue, export) report records done,
 * total, rate and ETA
 * @param display {@code auto}: an updating line on a terminal, a log line per interval
 * elsewhere; {@code bar} or {@code log} force one of them
 */
@Validated
@ConfigurationProperties("issuance.progress")
public record ProgressProperties(@DefaultValue("10s") @NotNull Duration interval,
        @DefaultValue("auto") @NotNull Display display) {

    /** Where progress goes. */
    public enum Display {

        /**
         * A bar on a terminal ({@code System.console()} is present), log lines elsewhere.
         */
        AUTO,
        /** One updating line on standard output. */
        BAR,
        /** A plain INFO log line per interval. */
        LOG

    }

}
