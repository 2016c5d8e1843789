package com.example.cards.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.cards.cli.ExitCodes;
import com.example.cards.crypto.FileDigest;
import com.example.cards.export.OutputNames;
import com.example.cards.export.RejectionFileWriter;
import com.example.cards.reference.ReferenceDataLoader;
import com.example.cards.run.JobNames;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code jobs/issue-cards.sh --dry-run}: the whole file through the format rules and
 * every issuance rule, a rejections file and a summary, and nothing issued: no
 * application, no card, no card-number counter moved. With a counter block of 1 every
 * card issued moves the counter, so an allocation could not hide in a cached block.
 */
@SpringBootTest(properties = "issuance.counter-block-size=1")
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class PreviewJobFunctionalTests {

    private static final AtomicInteger BATCH = new AtomicInteger();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final String UNKNOWN_PRODUCT = ResultCodeJobFunctionalTests.VALID.replace("R1,", "R4,")
        .replace("DEBIT0000000001", "DEBIT0000000077");
    static final String DUPLICATE = ResultCodeJobFunctionalTests.VALID.replace(",1001,", ",1003,");

    @Autowired
    ApplicationContext context;

    @Autowired
    JobOperator jobOperator;

    @Autowired
    @Qualifier("issueCardsJob")
    Job job;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ReferenceDataLoader loader;

    @TempDir
    Path dir;

    JobFixture fixture;

    Launcher launcher;

    Path out;

    String batchId;

    Path input;

    @BeforeEach
    void setUp() {
        out = dir.resolve("out");
        fixture = new JobFixture(jobOperator, job, jdbc, loader, out);
        launcher = new Launcher(context);
        batchId = "preview-" + BATCH.incrementAndGet();
        input = JobFixture.write(dir, "in.csv",
                JobFixture.HEADER + "\n" + ResultCodeJobFunctionalTests.VALID + "\n"
                        + ResubmissionJobFunctionalTests.NO_WALLET + "\n" + ResubmissionJobFunctionalTests.BAD_MOBILE
                        + "\n" + UNKNOWN_PRODUCT + "\n" + DUPLICATE + "\n" + "only,three,columns\n");
    }

    private int launch(String jobName) {
        return launcher.launch(jobName, "batchId=" + batchId, "runDate=2026-11-24", "inputFile=" + input,
                "outputDir=" + out);
    }

    @Test
    void aPreviewValidatesEveryRuleAndIssuesNothing(CapturedOutput output) throws Exception {
        List<Map<String, Object>> counters = counters();
        int cards = fixture.count("SELECT COUNT(*) FROM card");
        int applications = fixture.count("SELECT COUNT(*) FROM card_application");

        assertThat(launch(JobNames.PREVIEW_CARDS)).isEqualTo(ExitCodes.COMPLETED);

        OutputNames preview = fixture.outputs(batchId).preview();
        assertThat(output.getOut()).contains("Preview of batch " + batchId + " COMPLETED")
            .contains("Nothing was issued.")
            .contains("  rejections: " + preview.rejections().toAbsolutePath().normalize());
        assertThat(counters()).isEqualTo(counters);
        assertThat(fixture.count("SELECT COUNT(*) FROM card")).isEqualTo(cards);
        assertThat(fixture.count("SELECT COUNT(*) FROM card_application")).isEqualTo(applications);
        assertThat(fixture.count("SELECT COUNT(*) FROM issuance_request WHERE batch_id LIKE ?", batchId + "%"))
            .isZero();
        assertThat(fixture.count("SELECT COUNT(*) FROM issuance_batch WHERE batch_id = ?", batchId)).isZero();
        assertThat(Files.exists(fixture.outputs(batchId).results())).isFalse();
        assertThat(Files.exists(fixture.outputs(batchId).manifest())).isFalse();

        List<String> rejections = fixture.lines(preview.rejections());
        String id = "\\d{12}-[0-9a-f]{7}";
        assertThat(rejections).hasSize(6);
        assertThat(rejections.get(0)).isEqualTo(String.join(",", RejectionFileWriter.header()));
        assertThat(rejections.get(1)).matches("3,003_064,Download digital card error\\.," + id
                + ",R2,1002,이서연,LEE SEOYEON,920315-2\\*{6},010-7890-1234,.*");
        assertThat(rejections.get(2))
            .matches("4,000_002,Invalid input parameter\\. mobileNumber," + id + ",R3,1003,.*");
        assertThat(rejections.get(3)).matches("5,000_002,Invalid input parameter\\. serviceId," + id + ",R4,1001,.*");
        assertThat(rejections.get(4)).matches("6,900_001,Duplicate request in batch\\.," + id + ",R1,1003,.*");
        assertThat(rejections.get(5)).matches("7,000_002,\"Invalid input parameter\\. record \\(wrong number of "
                + "columns: 3, header has 16\\)\"," + id + ",{16}");

        JsonNode summary = JSON.readTree(preview.summary().toFile());
        assertThat(summary.get("batchId").asString()).isEqualTo(batchId);
        assertThat(summary.get("mode").asString()).isEqualTo("PREVIEW");
        assertThat(summary.get("records").asLong()).isEqualTo(6);
        assertThat(summary.get("countsByStatus").toString()).isEqualTo("{\"ACCEPTED\":1,\"REJECTED\":5}");
        assertThat(summary.get("countsByCode").toString()).isEqualTo("{\"000_002\":3,\"003_064\":1,\"900_001\":1}");
        assertThat(summary.get("submission").asString()).startsWith("NEW");
        assertThat(summary.get("input").get("sha256").asString()).isEqualTo(FileDigest.sha256(input));
        assertThat(summary.get("files")).hasSize(1);
    }

    @Test
    void aPreviewNeitherBlocksNorCompletesTheRealRun() throws Exception {
        assertThat(launch(JobNames.PREVIEW_CARDS)).isEqualTo(ExitCodes.COMPLETED);
        assertThat(launch(JobNames.PREVIEW_CARDS)).as("a second preview").isEqualTo(ExitCodes.COMPLETED);
        List<String> previewed = fixture.lines(fixture.outputs(batchId).preview().rejections());
        List<Map<String, Object>> counters = counters();

        assertThat(launch(JobNames.ISSUE_CARDS)).isEqualTo(ExitCodes.COMPLETED);

        assertThat(counters()).as("the real run allocates card numbers").isNotEqualTo(counters);
        assertThat(fixture.requests(batchId)).hasSize(6);
        assertThat(fixture.count("SELECT COUNT(*) FROM card_application WHERE batch_id = ?", batchId)).isEqualTo(1);
        // The real run rejects exactly what the preview said it would (correlation ids
        // differ).
        assertThat(withoutCorrelationIds(fixture.lines(fixture.outputs(batchId).rejections())))
            .isEqualTo(withoutCorrelationIds(previewed));
        // A preview after the real run says how a resubmission would be received, and
        // touches nothing.
        assertThat(launch(JobNames.PREVIEW_CARDS)).isEqualTo(ExitCodes.COMPLETED);
        JsonNode summary = JSON.readTree(fixture.outputs(batchId).preview().summary().toFile());
        assertThat(summary.get("submission").asString()).startsWith("ALREADY_SUBMITTED");
        assertThat(fixture.requests(batchId)).hasSize(6);
    }

    @Test
    void theLongestBatchIdCanBePreviewed() throws Exception {
        batchId = "p".repeat(39) + BATCH.incrementAndGet() % 10;
        assertThat(launch(JobNames.PREVIEW_CARDS)).isEqualTo(ExitCodes.COMPLETED);
        assertThat(fixture.lines(fixture.outputs(batchId).preview().rejections())).hasSize(6);
    }

    @Test
    void aFileMissingARequiredColumnIsRefused(CapturedOutput output) {
        input = JobFixture.write(dir, "bad.csv", "requestId,userId\nR1,1001\n");
        assertThat(launch(JobNames.PREVIEW_CARDS)).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(fixture.count("SELECT COUNT(*) FROM issuance_request WHERE batch_id LIKE ?", batchId + "%"))
            .isZero();
    }

    private List<Map<String, Object>> counters() {
        return jdbc.queryForList("SELECT bin, next_value FROM bin_counter ORDER BY bin");
    }

    private static List<String> withoutCorrelationIds(List<String> lines) {
        return lines.stream().map(l -> l.replaceAll("\\d{12}-[0-9a-f]{7}", "<id>")).toList();
    }

}
