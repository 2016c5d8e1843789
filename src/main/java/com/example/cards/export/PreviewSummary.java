package com.example.cards.export;

import java.util.List;
import java.util.Map;

/**
 * What a preview (dry run) found, written as {@code <batchId>-preview-summary.json}.
 * Nothing was issued: the statuses are ACCEPTED (would be issued now) and REJECTED.
 *
 * @param submission how a real run of this batch id and file would be received: a new
 * batch, a file already issued, or a batch id already used for another file (a real run
 * would be refused)
 */
public record PreviewSummary(String batchId, String mode, long jobExecutionId, String runDate, RunSummary.Input input,
        String submission, String startTime, String endTime, long records, Map<String, Long> countsByStatus,
        Map<String, Long> countsByCode, List<RunSummary.File> files, String note) {
}
