package com.example.cards.run;

import java.time.Duration;
import java.util.Locale;

/**
 * Where a long step stands: records done against the total, the rate since the step
 * started and the time left at that rate. The total is what the step found to do when it
 * started (a restart counts what is left); {@code total < 0} when it is not known.
 *
 * @param step the step's name in the job repository
 * @param done records done (committed) in this execution
 * @param total records to do in this execution, or -1
 * @param elapsed since the step started
 */
public record StepProgress(String step, long done, long total, Duration elapsed) {

    /**
     * The job execution context key under which a running job publishes its latest
     * progress line, for {@code jobs/status.sh} in another process.
     */
    public static final String CONTEXT_KEY = "progress";

    /** Records per second since the step started. */
    public double rate() {
        double seconds = elapsed.toMillis() / 1000.0;
        return seconds <= 0 ? 0 : done / seconds;
    }

    /** The time left at the current rate, or null when it cannot be told. */
    public Duration eta() {
        double rate = rate();
        if (total < 0 || rate <= 0) {
            return null;
        }
        return Duration.ofSeconds((long) Math.ceil(Math.max(0, total - done) / rate));
    }

    /** E.g. {@code issueCards: 41,200/100,000 records (41.2%), 3,433/s, ETA 17s}. */
    public String describe() {
        StringBuilder line = new StringBuilder(step).append(": ");
        if (total >= 0) {
            double percent = total == 0 ? 100.0 : Math.min(100.0, done * 100.0 / total);
            line.append(String.format(Locale.ROOT, "%,d/%,d records (%.1f%%)", done, total, percent));
        }
        else {
            line.append(String.format(Locale.ROOT, "%,d records", done));
        }
        line.append(String.format(Locale.ROOT, ", %,.0f/s", rate()));
        Duration eta = eta();
        line.append(", ETA ").append(eta == null ? "unknown" : format(eta));
        return line.toString();
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return s + "s";
    }

}
