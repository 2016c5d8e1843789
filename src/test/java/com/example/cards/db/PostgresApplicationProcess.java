package com.example.cards.db;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The application in a child JVM on the PostgreSQL test database, as another host would
 * run it: its standard output and error go to {@code <log>.out} and {@code <log>.err} in
 * the given folder.
 *
 * @param process the child
 * @param out its standard output
 * @param err its standard error
 */
record PostgresApplicationProcess(Process process, Path out, Path err) {

    static PostgresApplicationProcess start(Path folder, String log, String... args) throws IOException {
        List<String> all = new ArrayList<>(
                List.of("--issuance.crypto.keystore-path=" + Path.of("target/test-keystore.p12").toAbsolutePath(),
                        "--issuance.crypto.keystore-password=test-only-password"));
        all.addAll(List.of(args));
        return startWithoutKeystore(folder, log, all.toArray(String[]::new));
    }

    /** The same, with no keystore configured but what {@code args} say. */
    static PostgresApplicationProcess startWithoutKeystore(Path folder, String log, String... args) throws IOException {
        PostgresTestDatabase db = PostgresTestDatabase.get();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-XX:TieredStopAtLevel=1", "-cp", applicationClasspath(), "com.example.cards.BulkIssuanceApplication",
                "--spring.profiles.active=postgres", "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(), "--spring.datasource.password=" + db.password()));
        command.addAll(List.of(args));
        Files.createDirectories(folder);
        Path out = folder.resolve(log + ".out");
        Path err = folder.resolve(log + ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new PostgresApplicationProcess(process, out, err);
    }

    /** Waits for the end (at most 5 minutes) and returns the exit code. */
    int exitCode() throws InterruptedException {
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the child did not finish in 5 minutes: " + out);
        }
        return process.exitValue();
    }

    String stdout() throws IOException {
        return Files.readString(out);
    }

    String stderr() throws IOException {
        return Files.readString(err);
    }

    /**
     * The application's classpath: the test JVM's, without the test classes (their test
     * beans are not the app's).
     */
    private static String applicationClasspath() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classpath.split(File.pathSeparator))
            .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
            .collect(Collectors.joining(File.pathSeparator));
    }

}
