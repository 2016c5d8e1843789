package com.example.cards.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import com.example.cards.IssuanceProperties;
import com.example.cards.crypto.OwnerOnlyFiles;
import com.example.cards.run.RunParameters;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.stereotype.Component;

/**
 * The checks of a launch's parameters that must pass before anything is registered or
 * staged: a run date within the configured window around today, an input that is a
 * regular file (a FIFO or a device would hang the job), and an output directory that
 * exists (it is created, owner-only, when missing) and can be written. A refusal is one
 * line for standard error; the launch then ends with exit 2 and nothing was done.
 */
@Component
public class LaunchChecks {

    private final Clock clock;

    private final Path defaultOutputDir;

    private final LaunchProperties properties;

    LaunchChecks(Clock clock, IssuanceProperties issuance, LaunchProperties properties) {
        this.clock = clock;
        this.defaultOutputDir = issuance.outputDir();
        this.properties = properties;
    }

    /** Why the launch must be refused, or empty when it may go on. */
    public Optional<String> refusal(JobParameters parameters) {
        LocalDate runDate = parameters.getLocalDate(RunParameters.RUN_DATE);
        if (runDate != null) {
            Optional<String> date = runDate(runDate);
            if (date.isPresent()) {
                return date;
            }
        }
        String input = parameters.getString(RunParameters.INPUT_FILE);
        if (input != null && !input.isBlank()) {
            Optional<String> file = inputFile(Path.of(input));
            if (file.isPresent()) {
                return file;
            }
        }
        return outputDirectory(RunParameters.outputDir(parameters, defaultOutputDir));
    }

    Optional<String> runDate(LocalDate runDate) {
        LocalDate today = LocalDate.now(clock);
        LocalDate earliest = today.minus(properties.runDateWindow());
        LocalDate latest = today.plus(properties.runDateWindow());
        if (runDate.isBefore(earliest) || runDate.isAfter(latest)) {
            return Optional.of("runDate " + runDate + " is outside the accepted window " + earliest + " to " + latest
                    + " (today +/- " + properties.runDateWindow()
                    + ", issuance.launch.run-date-window); check the date. Nothing was done.");
        }
        return Optional.empty();
    }

    static Optional<String> inputFile(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty(); // the job's registration step says so, with its
                                     // advice
        }
        if (Files.isDirectory(file)) {
            return Optional.of("Request file '" + file
                    + "' is a directory, not a file. Give the path of the CSV file itself. Nothing was done.");
        }
        if (!Files.isRegularFile(file)) {
            return Optional.of("Request file '" + file
                    + "' is not a regular file (a pipe, a device or a socket); copy the requests into a file and "
                    + "give its path. Nothing was done.");
        }
        return Optional.empty();
    }

    static Optional<String> outputDirectory(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            return Optional.of("output directory '" + dir
                    + "' is a file, not a directory; give a directory with --output-dir. Nothing was done.");
        }
        try {
            OwnerOnlyFiles.createDirectories(dir);
        }
        catch (IOException ex) {
            return Optional.of("output directory '" + dir + "' cannot be created (" + ex.getClass().getSimpleName()
                    + (ex.getMessage() == null ? "" : ": " + ex.getMessage())
                    + "); give a writable directory with --output-dir. Nothing was done.");
        }
        Path probe = dir.resolve(".write-check-" + UUID.randomUUID());
        try {
            OwnerOnlyFiles.writeNew(probe, new byte[0], false);
            Files.delete(probe);
        }
        catch (IOException ex) {
            return Optional.of("output directory '" + dir + "' is not writable (" + ex.getClass().getSimpleName()
                    + "); give the batch user write access or another directory with --output-dir. Nothing was done.");
        }
        return Optional.empty();
    }

}
