package com.example.cards.export;

import java.nio.file.Path;

/**
 * Output file names derive from the batch id, never from the clock, so a restart writes
 * the same files.
 */
public record OutputNames(Path directory, String batchId) {

    public Path results() {
        return directory.resolve(batchId + "-results.csv");
    }

    public Path rejections() {
        return directory.resolve(batchId + "-rejections.csv");
    }

    public Path manifest() {
        return directory.resolve(batchId + "-manifest.csv");
    }

    /** The service provider's card-data file (JSON lines, each record a JWE). */
    public Path cardData() {
        return directory.resolve(batchId + "-card-data.jsonl");
    }

    public Path summary() {
        return directory.resolve(batchId + "-summary.json");
    }

    /**
     * The delta outputs of a rerun: {@code <batchId>-rerun-001-results.csv} and so on.
     */
    public OutputNames rerun(int rerunNo) {
        return new OutputNames(directory, batchId + String.format("-rerun-%03d", rerunNo));
    }

    /**
     * The outputs of a preview: {@code <batchId>-preview-rejections.csv} and
     * {@code -preview-summary.json}.
     */
    public OutputNames preview() {
        return new OutputNames(directory, batchId + "-preview");
    }
}
