package com.example.cards.export;

import java.util.List;
import java.util.Map;

/**
 * What one rerun did, written as {@code <batchId>-rerun-001-summary.json}: it names the
 * original batch and the rerun, and counts only the requests this rerun retried.
 *
 * @param batchId the original batch, whose rejected requests were retried
 * @param rerun the rerun's number within the batch (1, 2, ...)
 * @param codes the result codes that were retried
 * @param countsByPreviousCode the codes the retried requests had before this rerun
 * @param countsByStatus ISSUED and REJECTED after this rerun; their sum equals
 * {@code records}
 * @param cardData whether this rerun's card-data file was written, and if not, why
 */
public record RerunSummary(String batchId, int rerun, String rerunId, List<String> codes, long jobExecutionId,
        String runDate, String originalRunDate, RunSummary.Input originalInput, String startTime, String endTime,
        long records, Map<String, Long> countsByPreviousCode, Map<String, Long> countsByStatus,
        Map<String, Long> countsByCode, List<RunSummary.File> files, String cardData) {
}
