package com.example.cards.export;

import java.nio.file.Path;
import java.time.LocalDate;

import com.example.cards.run.JobNames;
import com.example.cards.run.RunParameters;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an export covers follows from its job: the rows it reads, the names it writes
 * under, the files and the manifest's sequence.
 */
class ExportScopeTests {

    private static final LocalDate RUN_DATE = LocalDate.of(2026, 11, 24);

    private static final Path OUT = Path.of("out");

    private static ExportScope scopeOf(String jobName, Long rerun) {
        JobParametersBuilder parameters = new JobParametersBuilder().addString(RunParameters.BATCH_ID, "b1")
            .addLocalDate(RunParameters.RUN_DATE, RUN_DATE);
        if (rerun != null) {
            parameters.addLong(RunParameters.RERUN, rerun);
        }
        return ExportScope.of(new JobExecution(1, new JobInstance(1, jobName), parameters.toJobParameters()));
    }

    @Test
    void aCsvBatchCoversEveryRowOfTheBatch() {
        ExportScope scope = scopeOf(JobNames.ISSUE_CARDS, null);
        assertThat(scope).isEqualTo(new ExportScope.CsvBatch("b1", RUN_DATE));
        assertThat(scope.rows()).isEqualTo(ClaimScope.whole("b1"));
        assertThat(scope.names(OUT)).isEqualTo(new OutputNames(OUT, "b1"));
        assertThat(scope.rejectionsOnly()).isFalse();
        assertThat(scope.manifestSequence()).isEqualTo(1);
    }

    @Test
    void aStagingRunCoversTheRowsClaimedForItsRunDate() {
        ExportScope scope = scopeOf(JobNames.ISSUE_STAGED, null);
        assertThat(scope.rows()).isEqualTo(new ClaimScope("b1", RUN_DATE));
        assertThat(scope.names(OUT).results()).isEqualTo(OUT.resolve("b1-20261124-results.csv"));
        assertThat(scope.rejectionsOnly()).isFalse();
        assertThat(scope.manifestSequence()).isEqualTo(1);
    }

    @Test
    void aRerunCoversTheRowsItRetriedInDeltaFilesAfterTheBatchsManifests() {
        ExportScope scope = scopeOf(JobNames.RERUN_FAILED, 2L);
        assertThat(scope.rows()).isEqualTo(ClaimScope.rerun("b1", 2));
        assertThat(scope.names(OUT).results()).isEqualTo(OUT.resolve("b1-rerun-002-results.csv"));
        assertThat(scope.rejectionsOnly()).isFalse();
        assertThat(scope.manifestSequence()).isEqualTo(3);
    }

    @Test
    void aPreviewCoversItsOwnStagedRowsAndWritesOnlyItsRejections() {
        ExportScope scope = scopeOf(JobNames.PREVIEW_CARDS, null);
        assertThat(scope.rows()).isEqualTo(ClaimScope.whole(RunParameters.previewBatchId("b1")));
        assertThat(scope.names(OUT).rejections()).isEqualTo(OUT.resolve("b1-preview-rejections.csv"));
        assertThat(scope.names(OUT).summary()).isEqualTo(OUT.resolve("b1-preview-summary.json"));
        assertThat(scope.rejectionsOnly()).isTrue();
    }

}
