package com.example.cards.issue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.batch.integration.partition.StepExecutionRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The body of a partition message: the step's name and the step execution id, as JSON,
 * and nothing a worker would deserialize as a class.
 */
class PartitionRequestsTests {

    @Test
    void aRequestIsTheStepNameAndTheStepExecutionId() {
        String body = PartitionRequests.encode(new StepExecutionRequest("issueCardsWorker", 42L));

        assertThat(body).isEqualTo("{\"stepName\":\"issueCardsWorker\",\"stepExecutionId\":42}");
        StepExecutionRequest decoded = PartitionRequests.decode(body.getBytes(StandardCharsets.UTF_8));
        assertThat(decoded.getStepName()).isEqualTo("issueCardsWorker");
        assertThat(decoded.getStepExecutionId()).isEqualTo(42L);
        assertThat(PartitionRequests.decode(body).getStepExecutionId()).isEqualTo(42L);
    }

    @Test
    void anythingElseIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> PartitionRequests.decode("not json"));
        assertThatIllegalArgumentException().isThrownBy(() -> PartitionRequests.decode("{\"stepName\":\"x\"}"));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> PartitionRequests.decode("{\"stepName\":1,\"stepExecutionId\":\"a\"}"));
    }

}
