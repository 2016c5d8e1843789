package com.example.cards.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.example.cards.jobs.JobFixture;
import com.example.cards.jobs.ResultCodeJobFunctionalTests;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded database behaves like a server for the operator: while a run holds the H2
 * file (the default URL, with {@code AUTO_SERVER=TRUE}), a second launch of the same
 * batch gets exit 5 "already running" and the status command reports the run as running,
 * each from a JVM of its own as the scripts start them.
 */
class EmbeddedDatabaseSharedTests {

    private static final int REQUESTS = 20000;

    @TempDir
    Path dir;

    private Process run;

    @AfterEach
    void stopTheRun() throws InterruptedException {
        if (run != null && run.isAlive()) {
            run.destroy();
            run.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSecondLaunchIsRefusedAndStatusWorksWhileARunHoldsTheDatabase() throws Exception {
        assertThat(child("load", "--issuance.command=load-reference-data",
                "--members=" + absolute("sample-input/members.csv"),
                "--products=" + absolute("sample-input/products.csv"))
            .waitFor(240, TimeUnit.SECONDS)).isTrue();
        StringBuilder csv = new StringBuilder(JobFixture.HEADER).append('\n');
        for (int i = 1; i <= REQUESTS; i++) {
            csv.append(ResultCodeJobFunctionalTests.VALID.replace("R1,", "N" + i + ",")).append('\n');
        }
        Path input = Files.writeString(dir.resolve("requests.csv"), csv);
        List<String> launch = List.of("--spring.batch.job.name=issueCardsJob", "batchId=shared", "runDate=2026-11-24",
                "inputFile=" + input, "outputDir=" + dir.resolve("out"));

        List<String> first = new ArrayList<>(launch);
        first.addAll(List.of("--issuance.chunk-size=1", "--issuance.grid-size=1",
                "--logging.level.com.example.cards.issue=DEBUG"));
        run = child("first", first.toArray(String[]::new));
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertThat(run.isAlive()).as("the run ended too soon: " + log("first")).isTrue();
            return log("first").lines().filter(l -> l.contains("IssuanceProcessor")).count() >= 10;
        });

        Process second = child("second", launch.toArray(String[]::new));
        assertThat(second.waitFor(240, TimeUnit.SECONDS)).isTrue();
        String secondOut = log("second");
        assertThat(second.exitValue()).as(secondOut).isEqualTo(ExitCodes.ALREADY_RUNNING);
        assertThat(secondOut).contains("batch shared is already running").doesNotContain("\tat ", "Locked by another");

        Process status = child("status", "--issuance.command=status", "--batch-id=shared");
        assertThat(status.waitFor(240, TimeUnit.SECONDS)).isTrue();
        String statusOut = log("status");
        assertThat(status.exitValue()).as(statusOut).isZero();
        assertThat(statusOut).contains("is running (job execution").doesNotContain("\tat ");
        assertThat(run.isAlive()).as("the first run went on").isTrue();
    }

    private String log(String name) throws IOException {
        Path file = dir.resolve(name + ".log");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    /**
     * The application with the default (embedded, auto-server) database URL, in
     * {@code dir}.
     */
    private Process child(String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-XX:TieredStopAtLevel=1", "-cp", applicationClasspath(), "com.example.cards.BulkIssuanceApplication",
                "--logging.file.name=" + dir.resolve("logs/" + name + ".log")));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".log").toFile())
            .start();
    }

    private static String absolute(String path) {
        return Path.of(path).toAbsolutePath().toString();
    }

    private static String applicationClasspath() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classpath.split(File.pathSeparator))
            .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
            .collect(Collectors.joining(File.pathSeparator));
    }

}
