package com.example.cards.output;

import java.nio.file.Path;

/** Output file names derive from the batch id, never from the clock, so a restart writes the same files. */
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

    public Path summary() {
        return directory.resolve(batchId + "-summary.json");
    }
}
