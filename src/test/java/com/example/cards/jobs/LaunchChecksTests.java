package com.example.cards.jobs;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;

import com.example.cards.IssuanceProperties;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The run-date window: a year either side of today by default, configurable. */
class LaunchChecksTests {

    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest
    @CsvSource({ "P1Y, 2026-11-30, true", "P1Y, 2025-11-30, true", "P1Y, 2025-11-29, false", "P1Y, 2027-11-30, true",
            "P1Y, 2027-12-01, false", "P1Y, 1900-01-01, false", "P1Y, 9999-12-01, false", "P30D, 2026-12-30, true",
            "P30D, 2026-12-31, false", "P0D, 2026-11-30, true", "P0D, 2026-12-01, false" })
    void runDatesWithinTheWindowAreAccepted(Period window, LocalDate runDate, boolean accepted) {
        LaunchChecks checks = new LaunchChecks(TODAY,
                new IssuanceProperties(500, 2, 2, 1000, Path.of("output"), 3, IssuanceProperties.Partitioning.LOCAL),
                new LaunchProperties(window));
        assertThat(checks.runDate(runDate).isEmpty()).isEqualTo(accepted);
    }

}
