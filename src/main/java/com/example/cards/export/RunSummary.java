package com.example.cards.export;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What one run did, written as {@code <batchId>-summary.json}.
 *
 * @param countsByStatus ISSUED and REJECTED; their sum equals {@code records}
 * @param countsByCode result code to count
 * @param cardData whether the card-data file for the service provider was written, and if
 * not, why
 */
public record RunSummary(String batchId, long jobExecutionId, String runDate, String source, Input input,
        String startTime, String endTime, long records, Map<String, Long> countsByStatus,
        Map<String, Long> countsByCode, List<File> files, String cardData) {

    public record Input(String path, String sha256, String encoding) {
    }

    /**
     * One output file.
     *
     * @param recipientKey for an encrypted file, the key it is encrypted for ({@code kid
     * ...} for the card data, {@code OpenPGP <fingerprint>} for the manifest); absent for
     * a plain file
     */
    public record File(String kind, String path, String sha256, long records,
            @JsonInclude(JsonInclude.Include.NON_NULL) String recipientKey) {
    }
}
