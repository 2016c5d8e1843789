package com.example.cards.db;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only when a PostgreSQL server is configured
 * ({@code ISSUANCE_TEST_POSTGRES_URL}). Without one the tests are skipped, and one line
 * says so. With {@code ISSUANCE_TEST_POSTGRES_REQUIRED=true} (CI) they always run, so an
 * unreachable server fails the build instead of skipping it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EnabledIfPostgres.Condition.class)
public @interface EnabledIfPostgres {

    final class Condition implements ExecutionCondition {

        private static final AtomicBoolean SAID = new AtomicBoolean();

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String url = PostgresTestDatabase.adminUrl();
            if (url == null || url.isBlank()) {
                return skip("PostgreSQL integration tests skipped: set " + PostgresTestDatabase.URL_VARIABLE
                        + " (CI sets it), e.g. jdbc:postgresql://127.0.0.1:5432/test");
            }
            if (PostgresTestDatabase.required()) {
                return ConditionEvaluationResult
                    .enabled("PostgreSQL required (" + PostgresTestDatabase.REQUIRED_VARIABLE + "=true)");
            }
            try (Connection connection = PostgresTestDatabase.admin()) {
                return ConditionEvaluationResult.enabled("PostgreSQL at " + url);
            }
            catch (Exception ex) {
                return skip("PostgreSQL integration tests skipped: " + url + " is unreachable (" + ex.getMessage()
                        + "); set " + PostgresTestDatabase.REQUIRED_VARIABLE + "=true to fail instead");
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
