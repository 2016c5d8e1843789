package com.example.cards.cli;

import java.io.PrintStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Reports a run that failed outside a job: the application could not start (keystore,
 * database, Flyway, configuration) or the command itself threw. One line on standard
 * error names the cause; the stack trace goes to the log file. It takes the place of
 * Spring Boot's "APPLICATION FAILED TO START" report, which is a page long. Registered in
 * {@code META-INF/spring.factories}; the exit code comes from {@link StartupExitCode}.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StartupFailureReporter implements SpringBootExceptionReporter {

    private static final Logger log = LoggerFactory.getLogger(StartupFailureReporter.class);

    private final ConfigurableApplicationContext context;

    private final PrintStream err = System.err;

    public StartupFailureReporter(ConfigurableApplicationContext context) {
        this.context = context;
    }

    @Override
    public boolean reportException(Throwable failure) {
        boolean started = context != null && context.isActive();
        String what = started ? "failed" : "could not start";
        log.error("The application " + what, failure);
        err.println("bulk-issuance: " + what + ": " + FailureCause.describe(failure)
                + (context == null ? "" : FailureCause.logFileNote(context.getEnvironment())));
        return true;
    }

}
