package com.example.cards.run;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StepProgressTests {

    @Test
    void rateAndEtaFollowFromDoneTotalAndElapsed() {
        StepProgress progress = new StepProgress("issueCards", 41_200, 100_000, Duration.ofSeconds(12));
        assertThat(progress.rate()).isCloseTo(3433.3, org.assertj.core.data.Offset.offset(0.1));
        assertThat(progress.eta()).isEqualTo(Duration.ofSeconds(18));
        assertThat(progress.describe()).isEqualTo("issueCards: 41,200/100,000 records (41.2%), 3,433/s, ETA 18s");
    }

    @Test
    void longEtasReadInMinutesAndHours() {
        assertThat(new StepProgress("stageRequests", 1000, 1_000_000, Duration.ofSeconds(10)).describe())
            .endsWith("100/s, ETA 2h46m");
        assertThat(new StepProgress("stageRequests", 1000, 10_000, Duration.ofSeconds(10)).describe())
            .endsWith("ETA 1m30s");
    }

    @Test
    void nothingDoneYetOrNoTotalHasNoEta() {
        assertThat(new StepProgress("issueCards", 0, 500, Duration.ofSeconds(3)).describe())
            .isEqualTo("issueCards: 0/500 records (0.0%), 0/s, ETA unknown");
        assertThat(new StepProgress("exportPreview", 70, -1, Duration.ofSeconds(7)).describe())
            .isEqualTo("exportPreview: 70 records, 10/s, ETA unknown");
    }

    @Test
    void anEmptyStepIsDone() {
        assertThat(new StepProgress("issueCards", 0, 0, Duration.ZERO).describe())
            .isEqualTo("issueCards: 0/0 records (100.0%), 0/s, ETA unknown");
    }

}
