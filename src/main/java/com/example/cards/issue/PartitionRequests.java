package com.example.cards.issue;

import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.integration.partition.StepExecutionRequest;

/**
 * The body of a partition message on the broker: Spring Batch's
 * {@link StepExecutionRequest} as a small JSON object,
 * {@code {"stepName":"issueCardsWorker","stepExecutionId":42}}. The worker reads
 * everything else (the line range, the batch, the run date) from the shared job
 * repository, so no personal or card data crosses the broker; JSON rather than Java
 * serialization, so a worker never deserializes classes named by a message.
 */
final class PartitionRequests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PartitionRequests() {
    }

    static String encode(StepExecutionRequest request) {
        return JSON.createObjectNode()
            .put("stepName", request.getStepName())
            .put("stepExecutionId", request.getStepExecutionId())
            .toString();
    }

    /**
     * @throws IllegalArgumentException when the body is not a partition request
     */
    static StepExecutionRequest decode(Object payload) {
        String body = payload instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : String.valueOf(payload);
        JsonNode node;
        try {
            node = JSON.readTree(body);
        }
        catch (RuntimeException ex) {
            throw new IllegalArgumentException("not a partition request: " + ex.getMessage(), ex);
        }
        JsonNode stepName = node.get("stepName");
        JsonNode id = node.get("stepExecutionId");
        if (stepName == null || !stepName.isString() || id == null || !id.canConvertToLong()) {
            throw new IllegalArgumentException("not a partition request (stepName and stepExecutionId expected)");
        }
        return new StepExecutionRequest(stepName.asString(), id.asLong());
    }

}
