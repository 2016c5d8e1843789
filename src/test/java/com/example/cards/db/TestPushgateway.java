package com.example.cards.db;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;

import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus Pushgateway for the metrics tests: the one
 * {@code ISSUANCE_TEST_PUSHGATEWAY_URL} names (.ci/run starts Debian's
 * {@code prometheus-pushgateway} on 127.0.0.1:9091 and sets it), or else one this test
 * starts from {@code prometheus-pushgateway} on the PATH, on a free port of 127.0.0.1.
 * Without either the test is skipped with one line, unless
 * {@code ISSUANCE_TEST_PUSHGATEWAY_REQUIRED=true} (CI), which fails it.
 */
final class TestPushgateway implements AutoCloseable {

    static final String URL_VARIABLE = "ISSUANCE_TEST_PUSHGATEWAY_URL";

    static final String REQUIRED_VARIABLE = "ISSUANCE_TEST_PUSHGATEWAY_REQUIRED";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final URI url;

    private final Process process;

    private TestPushgateway(URI url, Process process) {
        this.url = url;
        this.process = process;
    }

    static TestPushgateway startOrUse(Path workDir) throws Exception {
        String configured = System.getenv(URL_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return new TestPushgateway(URI.create(configured.replaceAll("/+$", "")), null);
        }
        Path binary = onPath("prometheus-pushgateway");
        if (binary == null) {
            String line = "Pushgateway test skipped: set " + URL_VARIABLE
                    + " or install prometheus-pushgateway (.ci/run does both)";
            if ("true".equalsIgnoreCase(System.getenv(REQUIRED_VARIABLE))) {
                throw new AssertionError(line + "; " + REQUIRED_VARIABLE + "=true");
            }
            System.out.println(line);
            Assumptions.abort(line);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.createDirectories(workDir);
        // in memory only: Debian's default persistence file would bring back other runs'
        // groups
        Process process = new ProcessBuilder(binary.toString(), "--web.listen-address=127.0.0.1:" + port,
                "--persistence.file=")
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve("pushgateway.log").toFile())
            .start();
        TestPushgateway gateway = new TestPushgateway(URI.create("http://127.0.0.1:" + port), process);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> gateway.metrics() != null);
        return gateway;
    }

    /**
     * host:port, as {@code management.prometheus.metrics.export.pushgateway.address}
     * takes it.
     */
    String address() {
        return url.getAuthority();
    }

    /**
     * Deletes a group (left by an earlier run of the test on a shared Pushgateway):
     * {@code DELETE /metrics/job/<job>/batch/<batch>}.
     */
    void deleteGroup(String job, String batch) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(url.resolve("/metrics/job/" + job + "/batch/" + batch)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("DELETE group: HTTP " + response.statusCode() + " " + response.body());
        }
    }

    /** Everything the Pushgateway holds, in the text format (GET /metrics). */
    String metrics() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url.resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /metrics: HTTP " + response.statusCode());
        }
        return response.body();
    }

    /**
     * The series of one metric whose labels contain all of {@code labels}, e.g.
     * {@code batch="b"}.
     */
    static List<Sample> samples(String metrics, String name, String... labels) {
        List<Sample> samples = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(metrics);
        while (m.find()) {
            String found = m.group(1);
            boolean all = true;
            for (String label : labels) {
                all &= found.contains(label);
            }
            if (all) {
                samples.add(new Sample(found, Double.parseDouble(m.group(2))));
            }
        }
        return samples;
    }

    /** The label values of every series in the text. */
    static List<String> labelValues(String metrics) {
        List<String> values = new ArrayList<>();
        Matcher m = Pattern.compile("=\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(metrics);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }

    record Sample(String labels, double value) {
    }

    private static Path onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
        }
    }

}
