package com.example.cards.run;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class ItemObservationsTests {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
        .withUserConfiguration(ItemObservations.class);

    @Test
    void itemObservationsAreOffByDefaultAndTheJobStepAndChunkOnesStay() {
        this.context.run((context) -> {
            ObservationPredicate predicate = context.getBean(ObservationPredicate.class);
            Observation.Context any = new Observation.Context();
            assertThat(predicate.test("spring.batch.item.read", any)).isFalse();
            assertThat(predicate.test("spring.batch.item.process", any)).isFalse();
            assertThat(predicate.test("spring.batch.chunk.write", any)).isTrue();
            assertThat(predicate.test("spring.batch.step", any)).isTrue();
            assertThat(predicate.test("spring.batch.job", any)).isTrue();
        });
    }

    @Test
    void itemObservationsCanBeSwitchedOn() {
        this.context.withPropertyValues("issuance.metrics.item-observations=true")
            .run((context) -> assertThat(context).doesNotHaveBean(ObservationPredicate.class));
    }

}
