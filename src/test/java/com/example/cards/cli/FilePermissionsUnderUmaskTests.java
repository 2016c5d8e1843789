package com.example.cards.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files and directories that hold personal data or keys are owner-only whatever the
 * umask: the application runs in a child JVM under {@code umask 000}, on the embedded
 * database's defaults (the database and a development keystore in {@code data/}), and
 * every file it created is checked; then again with group-readable outputs configured.
 */
class FilePermissionsUnderUmaskTests {

    @TempDir
    Path dir;

    @Test
    void underUmask000EverythingPersonalIsOwnerOnly() throws Exception {
        Path out = dir.resolve("output");
        assertThat(launch("--issuance.command=load-reference-data", "--members=" + absolute("sample-input/members.csv"),
                "--products=" + absolute("sample-input/products.csv")))
            .isZero();
        assertThat(
                launch("--spring.batch.job.name=issueCardsJob", "batchId=umask", "runDate=" + java.time.LocalDate.now(),
                        "inputFile=" + absolute("sample-input/requests.csv"), "outputDir=" + out))
            .isZero();

        assertThat(mode(dir.resolve("data"))).isEqualTo("rwx------");
        assertThat(mode(out)).isEqualTo("rwx------");
        List<Path> files;
        try (Stream<Path> listed = Stream.concat(Files.list(dir.resolve("data")), Files.list(out))) {
            files = listed.toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
            .contains("dev-keystore.p12", "issuance-db.mv.db", "umask-results.csv", "umask-rejections.csv",
                    "umask-manifest.csv", "umask-summary.json");
        for (Path file : files) {
            assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------");
        }

        assertThat(launch("--spring.batch.job.name=issueCardsJob", "batchId=umask-shared",
                "runDate=" + java.time.LocalDate.now(), "inputFile=" + absolute("sample-input/requests.csv"),
                "outputDir=" + out, "--issuance.output-files.group-readable=true"))
            .isZero();
        assertThat(mode(out.resolve("umask-shared-results.csv"))).isEqualTo("rw-r-----");
        assertThat(mode(out.resolve("umask-shared-summary.json"))).isEqualTo("rw-r-----");
    }

    private int launch(String... args) throws IOException, InterruptedException {
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", applicationClasspath(),
                "com.example.cards.BulkIssuanceApplication",
                "--logging.file.name=" + dir.resolve("logs/bulk-issuance.log")));
        java.addAll(List.of(args));
        String command = "umask 000; exec " + java.stream().map(a -> "'" + a + "'").collect(Collectors.joining(" "));
        Process process = new ProcessBuilder("sh", "-c", command).directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.log").toFile())
            .start();
        assertThat(process.waitFor(240, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("child.log"))).isZero();
        return process.exitValue();
    }

    private static String absolute(String path) {
        return Path.of(path).toAbsolutePath().toString();
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    private static String applicationClasspath() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classpath.split(File.pathSeparator))
            .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
            .collect(Collectors.joining(File.pathSeparator));
    }

}
