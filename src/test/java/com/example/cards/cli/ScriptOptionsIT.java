package com.example.cards.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scripts in jobs/ pass {@code --logging.*} and {@code --management.*} options on to
 * the packaged application: the documented switch for JSON logs
 * ({@code --logging.structured.format.console=ecs}) gives one JSON object per line with
 * the correlation id as a field of its own, and the Pushgateway settings make the run
 * push its metrics (here to a stand-in HTTP server that records what it is sent; the real
 * Pushgateway is WatchingARunPostgresIT's). The application, not the script, decides what
 * a bare id names.
 */
class ScriptOptionsIT {

    private static final Path JAR = Path.of("target/bulk-issuance.jar").toAbsolutePath();

    private static final Path SAMPLE = Path.of("sample-input").toAbsolutePath();

    @TempDir
    Path dir;

    private HttpServer server;

    private final List<String> pushes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            pushes.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + "\n"
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopStandIn() {
        server.stop(0);
    }

    @Test
    void loggingAndManagementOptionsReachTheApplication() throws Exception {
        assertThat(JAR).as("the packaged application (mvn package)").exists();
        Script loaded = script("load-reference-data.sh", "--members", SAMPLE.resolve("members.csv").toString(),
                "--products", SAMPLE.resolve("products.csv").toString());
        assertThat(loaded.exitCode()).as(loaded.out()).isZero();

        Script run = script("issue-cards.sh", "--input", SAMPLE.resolve("requests.csv").toString(), "--batch-id",
                "json-logs", "--run-date", "2026-11-24", "--logging.structured.format.console=ecs",
                "--logging.level.com.example.cards.issue=DEBUG",
                "--management.prometheus.metrics.export.pushgateway.enabled=true",
                "--management.prometheus.metrics.export.pushgateway.address=127.0.0.1:"
                        + server.getAddress().getPort());
        assertThat(run.exitCode()).as(run.out()).isEqualTo(ExitCodes.COMPLETED);

        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> logLines = new ArrayList<>();
        for (String line : run.out().lines().filter(l -> l.startsWith("{")).toList()) {
            logLines.add(json.readTree(line));
        }
        assertThat(logLines).as("JSON log lines").hasSizeGreaterThan(5);
        assertThat(logLines).allSatisfy(node -> assertThat(node.has("@timestamp") && node.has("message")).isTrue());
        assertThat(logLines).filteredOn(node -> node.path("log").path("logger").asText().endsWith(".IssuanceProcessor"))
            .isNotEmpty()
            .allSatisfy(node -> assertThat(node.path("correlationId").asText()).matches("\\d{12}-[0-9a-f]+"));
        assertThat(run.out()).contains("Batch json-logs COMPLETED");

        assertThat(pushes).as("pushed to the configured Pushgateway").isNotEmpty();
        String last = pushes.get(pushes.size() - 1);
        assertThat(last).startsWith("PUT /metrics/job@base64/")
            .contains("/batch@base64/"
                    + java.util.Base64.getUrlEncoder().encodeToString("json-logs".getBytes(StandardCharsets.UTF_8)))
            .contains("issuance_requests_issued_total 6.0", "issuance_cards_issued_total{role=\"PHYSICAL\"} 6.0");

        Script status = script("status.sh", "--batch-id", "json-logs", "--logging.level.com.example.cards=INFO",
                "--logging.structured.format.console=logstash");
        assertThat(status.exitCode()).as(status.out()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(status.out()).contains("Batch json-logs");
        assertThat(status.out().lines().filter(l -> l.startsWith("{")).toList()).as("logstash lines at INFO")
            .isNotEmpty()
            .allSatisfy(line -> assertThat(json.readTree(line).has("@version")).isTrue());

        Script byBareId = script("status.sh", "json-logs");
        assertThat(byBareId.exitCode()).as(byBareId.out()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(byBareId.out()).as("a bare id that is not a number names a batch").contains("Batch json-logs");

        Script refused = script("status.sh", "--verbose");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(refused.out()).contains("unknown option '--verbose'");
    }

    private Script script(String name, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of("jobs", name).toAbsolutePath().toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db"),
                "--issuance.crypto.keystore-path=" + dir.resolve("keystore.p12"),
                "--issuance.crypto.create-keystore-if-missing=true", "--issuance.output-dir=" + dir.resolve("out"),
                "--logging.file.name=" + dir.resolve("bulk-issuance.log")));
        Path out = dir.resolve(name + "-" + System.nanoTime() + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        Map<String, String> env = builder.environment();
        env.put("ISSUANCE_JAR", JAR.toString());
        env.put("JAVA_OPTS", "-Xmx384m -XX:TieredStopAtLevel=1");
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not finish in 5 minutes");
        }
        return new Script(process.exitValue(), Files.readString(out));
    }

    private record Script(int exitCode, String out) {
    }

}
