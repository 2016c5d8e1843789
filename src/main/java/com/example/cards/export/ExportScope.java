package com.example.cards.export;

import java.nio.file.Path;
import java.time.LocalDate;

import com.example.cards.run.JobNames;
import com.example.cards.run.RunParameters;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * What one export covers, decided once from the job it runs in: which request rows
 * ({@link #rows()}), under which file names, and which files. The export step writes the
 * same way for each; only what it covers differs.
 */
public sealed interface ExportScope
        permits ExportScope.CsvBatch, ExportScope.StagingClaim, ExportScope.Rerun, ExportScope.Preview {

    /** The scope of the export step running in {@code job}. */
    static ExportScope of(JobExecution job) {
        JobParameters parameters = job.getJobParameters();
        String batchId = parameters.getString(RunParameters.BATCH_ID);
        LocalDate runDate = RunParameters.runDate(parameters);
        return switch (job.getJobInstance().getJobName()) {
            case JobNames.ISSUE_STAGED -> new StagingClaim(batchId, runDate);
            case JobNames.RERUN_FAILED -> new Rerun(batchId, RunParameters.rerun(parameters), runDate);
            case JobNames.PREVIEW_CARDS -> new Preview(batchId, runDate);
            default -> new CsvBatch(batchId, runDate);
        };
    }

    String batchId();

    LocalDate runDate();

    /** The request rows the outputs hold. */
    ClaimScope rows();

    /** The output files' names in {@code directory}. */
    OutputNames names(Path directory);

    /**
     * Whether only the rejections file is written (and no result file or manifest): a
     * preview issued nothing.
     */
    default boolean rejectionsOnly() {
        return false;
    }

    /** The manifest header's sequence number within the batch. */
    default int manifestSequence() {
        return 1;
    }

    /** Every row of a batch submitted as a CSV file. */
    record CsvBatch(String batchId, LocalDate runDate) implements ExportScope {

        @Override
        public ClaimScope rows() {
            return ClaimScope.whole(batchId);
        }

        @Override
        public OutputNames names(Path directory) {
            return new OutputNames(directory, batchId);
        }

    }

    /**
     * The rows of a staging batch claimed for the run date: a staging batch can span
     * several runs, and each run reports only what it processed, in files named with its
     * run date.
     */
    record StagingClaim(String batchId, LocalDate runDate) implements ExportScope {

        @Override
        public ClaimScope rows() {
            return new ClaimScope(batchId, runDate);
        }

        @Override
        public OutputNames names(Path directory) {
            return new OutputNames(directory, rows().outputStem());
        }

    }

    /**
     * The rows one rerun retried: delta outputs {@code <batchId>-rerun-001-*}, whose
     * manifest follows the batch's own (sequence 001) and the reruns before it.
     */
    record Rerun(String batchId, int rerunNo, LocalDate runDate) implements ExportScope {

        @Override
        public ClaimScope rows() {
            return ClaimScope.rerun(batchId, rerunNo);
        }

        @Override
        public OutputNames names(Path directory) {
            return new OutputNames(directory, batchId).rerun(rerunNo);
        }

        @Override
        public int manifestSequence() {
            return rerunNo + 1;
        }

    }

    /**
     * The rows a preview staged under {@link RunParameters#previewBatchId}: its
     * rejections and summary, {@code <batchId>-preview-*}. The rows are deleted once
     * written.
     */
    record Preview(String batchId, LocalDate runDate) implements ExportScope {

        public String stagedBatchId() {
            return RunParameters.previewBatchId(batchId);
        }

        @Override
        public ClaimScope rows() {
            return ClaimScope.whole(stagedBatchId());
        }

        @Override
        public OutputNames names(Path directory) {
            return new OutputNames(directory, batchId).preview();
        }

        @Override
        public boolean rejectionsOnly() {
            return true;
        }

    }

}
