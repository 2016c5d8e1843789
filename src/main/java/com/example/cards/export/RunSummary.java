package com.example.cards.export;

import java.util.List;
import java.util.Map;

/**
 * What one run did, written as {@code <batchId>-summary.json}.
 *
 * @param countsByStatus ISSUED and REJECTED; their sum equals {@code records}
 * @param countsByCode result code to count
 */
public record RunSummary(String batchId, long jobExecutionId, String runDate, String source, Input input,
        String startTime, String endTime, long records, Map<String, Long> countsByStatus,
        Map<String, Long> countsByCode, List<File> files) {

    public record Input(String path, String sha256, String encoding) {
    }

    public record File(String kind, String path, String sha256, long records) {
    }
}
