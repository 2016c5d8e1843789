package com.example.cards.cli;

import com.example.cards.crypto.KeyRefusedException;

import org.springframework.boot.ExitCodeExceptionMapper;
import org.springframework.boot.context.properties.bind.BindException;

/**
 * The exit code of a run that failed outside a job (see {@link StartupFailureReporter}):
 * configuration that cannot be bound or is invalid, or keys that are refused (the
 * development password in a production profile, a keystore that does not match the
 * database), is a bad parameter; anything else (keystore, database, Flyway) is a failure
 * to fix before the same command is run again. {@code BulkIssuanceApplication.main} finds
 * it in {@code META-INF/spring.factories}: the application class sits below the command
 * line and must not name it.
 */
public class StartupExitCode implements ExitCodeExceptionMapper {

    @Override
    public int getExitCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BindException || t instanceof KeyRefusedException) {
                return ExitCodes.INVALID_INPUT;
            }
        }
        return ExitCodes.FAILED;
    }

}
