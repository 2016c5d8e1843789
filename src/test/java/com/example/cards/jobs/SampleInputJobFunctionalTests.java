package com.example.cards.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.example.cards.export.OutputNames;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole job on sample-input/requests.csv, asserting every line of every output. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleInputJobFunctionalTests extends JobFunctionalTestSupport {

    static final String BATCH = "sample-functional";

    @TempDir
    static Path dir;

    JobFixture fixture;

    JobExecution execution;

    OutputNames outputs;

    @BeforeAll
    void runTheSample() throws Exception {
        fixture = fixture(dir);
        execution = fixture.run(BATCH, Path.of("sample-input/requests.csv"));
        outputs = fixture.outputs(BATCH);
    }

    @Test
    void completes() {
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    }

    @Test
    void resultFileHasOneRowPerRecordInInputOrder() {
        ExpectedLines.assertMatches(fixture.lines(outputs.results()), "expected/sample-results.csv", BATCH);
    }

    @Test
    void rejectionsFileHoldsTheRejectedRecordsWithMaskedRrns() {
        ExpectedLines.assertMatches(fixture.lines(outputs.rejections()), "expected/sample-rejections.csv", BATCH);
    }

    @Test
    void manifestIsSortedByZipGroupsParcelsAndCarriesTheCardsLastFourDigits() {
        List<String> manifest = fixture.lines(outputs.manifest());
        ExpectedLines.assertMatches(manifest, "expected/sample-manifest.csv", BATCH);

        Map<String, String> last4ByApplication = new HashMap<>();
        for (String row : fixture.lines(outputs.results()).subList(1, 7)) {
            String[] cells = row.split(",");
            last4ByApplication.put(cells[7], cells[8].substring(12));
        }
        long hashTotal = 0;
        for (String row : manifest.subList(1, 6)) {
            String[] cells = row.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
            assertThat(cells[cells.length - 1]).isEqualTo(last4ByApplication.get(cells[3]));
            hashTotal += Long.parseLong(cells[6]) + Long.parseLong(cells[cells.length - 1]);
        }
        assertThat(manifest.get(6)).isEqualTo("T,5,4," + hashTotal);
    }

    @Test
    void summaryCountsEveryRecordAndFingerprintsEveryFile() throws Exception {
        JsonNode summary = JsonMapper.builder().build().readTree(Files.readAllBytes(outputs.summary()));
        assertThat(summary.get("batchId").asString()).isEqualTo(BATCH);
        assertThat(summary.get("jobExecutionId").asLong()).isEqualTo(execution.getId());
        assertThat(summary.get("records").asLong()).isEqualTo(21);
        assertThat(summary.get("countsByStatus").get("ISSUED").asLong()).isEqualTo(6);
        assertThat(summary.get("countsByStatus").get("REJECTED").asLong()).isEqualTo(15);
        assertThat(summary.get("countsByCode").toString()).isEqualTo("{\"000_000\":6,\"000_002\":5,\"001_006\":2,"
                + "\"003_060\":1,\"003_061\":1,\"003_062\":1,\"003_063\":1,\"003_064\":1,\"003_065\":1,\"003_066\":1,"
                + "\"900_001\":1}");
        assertThat(summary.get("input").get("sha256").asString())
            .isEqualTo(sha256(Path.of("sample-input/requests.csv")));
        JsonNode files = summary.get("files");
        assertThat(files).hasSize(3);
        String[][] expected = { { "results", outputs.results().toString(), "21" },
                { "rejections", outputs.rejections().toString(), "15" },
                { "manifest", outputs.manifest().toString(), "5" } };
        for (int i = 0; i < 3; i++) {
            JsonNode file = files.get(i);
            assertThat(file.get("kind").asString()).isEqualTo(expected[i][0]);
            assertThat(file.get("path").asString())
                .isEqualTo(Path.of(expected[i][1]).toAbsolutePath().normalize().toString());
            assertThat(file.get("records").asLong()).isEqualTo(Long.parseLong(expected[i][2]));
            assertThat(file.get("sha256").asString()).isEqualTo(sha256(Path.of(expected[i][1])));
        }
    }

    @Test
    void conservationHoldsInTheDatabase() {
        assertThat(fixture.count("SELECT COUNT(*) FROM issuance_request WHERE batch_id = ?", BATCH)).isEqualTo(21);
        assertThat(fixture.count(
                "SELECT COUNT(*) FROM " + JobFixture.REQUESTS + " q WHERE batch_id = ? AND status = 'PENDING'", BATCH))
            .isZero();
        assertThat(fixture.count("SELECT COUNT(*) FROM card_application WHERE batch_id = ?", BATCH)).isEqualTo(6);
        assertThat(
                fixture.count("SELECT COUNT(*) FROM card c JOIN card_application a ON a.card_apply_no = c.card_apply_no"
                        + " WHERE a.batch_id = ?", BATCH))
            .isEqualTo(7);
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of()
            .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

}
