package com.example.cards.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Keeps the console for operators (logback-spring.xml puts it on the console appender
 * only). A failure is reported on one line on standard error by the command that saw it
 * ({@link JobLaunchCommand}, {@link StartupFailureReporter}); the framework's own account
 * of it, a stack trace or an error from outside the application, would only bury that
 * line, so at the default levels it goes to the log file alone. When the operator asks
 * for DEBUG ({@code --debug}, or {@code com.example.cards} or the root logger at DEBUG)
 * the console shows everything again.
 */
public class OperatorConsoleFilter extends Filter<ILoggingEvent> {

    private static final String APPLICATION = "com.example.cards";

    /** The logger {@code --debug} (Spring Boot's debug mode) puts at DEBUG. */
    private static final String SPRING_BOOT = "org.springframework.boot";

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (detailsRequested()) {
            return FilterReply.NEUTRAL;
        }
        boolean failureReport = event.getThrowableProxy() != null
                || (event.getLevel() == Level.ERROR && !event.getLoggerName().startsWith(APPLICATION + "."));
        return failureReport ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    private boolean detailsRequested() {
        LoggerContext loggers = (LoggerContext) getContext();
        return loggers.getLogger(Logger.ROOT_LOGGER_NAME).isDebugEnabled()
                || loggers.getLogger(APPLICATION).isDebugEnabled() || loggers.getLogger(SPRING_BOOT).isDebugEnabled();
    }

}
