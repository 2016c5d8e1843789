package com.example.cards.db;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only when a RabbitMQ broker is configured
 * ({@code ISSUANCE_TEST_RABBITMQ_URL}). Without one the tests are skipped, and one line
 * says so. With {@code ISSUANCE_TEST_RABBITMQ_REQUIRED=true} (CI) they always run, so an
 * unreachable broker fails the build instead of skipping it. The twin of
 * {@link EnabledIfPostgres}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EnabledIfRabbit.Condition.class)
public @interface EnabledIfRabbit {

    final class Condition implements ExecutionCondition {

        private static final AtomicBoolean SAID = new AtomicBoolean();

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String url = RabbitTestBroker.url();
            if (url == null || url.isBlank()) {
                return skip("RabbitMQ integration tests skipped: set " + RabbitTestBroker.URL_VARIABLE
                        + " (CI sets it), e.g. amqp://guest:guest@127.0.0.1:5672");
            }
            if (RabbitTestBroker.required()) {
                return ConditionEvaluationResult
                    .enabled("RabbitMQ required (" + RabbitTestBroker.REQUIRED_VARIABLE + "=true)");
            }
            try {
                RabbitTestBroker.connectionFactory().createConnection().close();
                return ConditionEvaluationResult.enabled("RabbitMQ reachable");
            }
            catch (RuntimeException ex) {
                return skip("RabbitMQ integration tests skipped: " + url + " is unreachable (" + ex.getMessage()
                        + "); set " + RabbitTestBroker.REQUIRED_VARIABLE + "=true to fail instead");
            }
        }

        private static ConditionEvaluationResult skip(String line) {
            if (SAID.compareAndSet(false, true)) {
                System.out.println(line);
            }
            return ConditionEvaluationResult.disabled(line);
        }

    }

}
