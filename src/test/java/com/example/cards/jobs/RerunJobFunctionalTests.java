package com.example.cards.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.cards.cli.ExitCodes;
import com.example.cards.crypto.FieldCipher;
import com.example.cards.export.OutputNames;
import com.example.cards.run.JobNames;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code jobs/rerun-failed.sh}: the rejections of a completed batch with retryable codes
 * go through the issue step again as a traceable rerun of their own, with delta outputs;
 * format errors are refused.
 */
@ExtendWith(OutputCaptureExtension.class)
class RerunJobFunctionalTests extends JobFunctionalTestSupport {

    private static final AtomicInteger BATCH = new AtomicInteger();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ApplicationContext context;

    @TempDir
    Path dir;

    JobFixture fixture;

    Launcher launcher;

    Path out;

    String batchId;

    @BeforeEach
    void issueABatchWithAWalletRejection() {
        out = dir.resolve("out");
        fixture = fixture(out);
        launcher = new Launcher(context);
        batchId = "rerun-" + BATCH.incrementAndGet();
        Path input = JobFixture.write(dir, "in.csv",
                JobFixture.HEADER + "\n" + ResubmissionJobFunctionalTests.ISSUED + "\n"
                        + ResubmissionJobFunctionalTests.NO_WALLET + "\n" + ResubmissionJobFunctionalTests.BAD_MOBILE
                        + "\n");
        assertThat(launcher.launch(JobNames.ISSUE_CARDS, "batchId=" + batchId, "runDate=2026-11-24",
                "inputFile=" + input, "outputDir=" + out))
            .isEqualTo(ExitCodes.COMPLETED);
        assertThat(statuses()).containsExactly("ISSUED 000_000", "REJECTED 003_064", "REJECTED 000_002");
    }

    @AfterEach
    void deactivateTheWalletAgain() {
        jdbc.update("UPDATE wallet_member SET mobile_wallet = 'N' WHERE user_id = 1002");
    }

    private int rerun(String... arguments) {
        String[] all = new String[arguments.length + 2];
        all[0] = "batchId=" + batchId;
        all[1] = "outputDir=" + out;
        System.arraycopy(arguments, 0, all, 2, arguments.length);
        return launcher.launch(JobNames.RERUN_FAILED, all);
    }

    @Test
    void aWalletRejectionIsIssuedOnceTheWalletIsActiveWithDeltaOutputs(CapturedOutput output) throws Exception {
        OutputNames original = fixture.outputs(batchId);
        byte[] originalResults = Files.readAllBytes(original.results());
        byte[] originalManifest = Files.readAllBytes(original.manifest());
        jdbc.update("UPDATE wallet_member SET mobile_wallet = 'Y' WHERE user_id = 1002");

        assertThat(rerun("runDate=2026-11-25")).isEqualTo(ExitCodes.COMPLETED);

        OutputNames delta = original.rerun(1);
        assertThat(output.getOut()).contains("Rerun 1 of batch " + batchId + " COMPLETED")
            .contains("codes 001_006,003_063,003_064")
            .contains("  results:    " + delta.results().toAbsolutePath().normalize());
        assertThat(statuses()).containsExactly("ISSUED 000_000", "ISSUED 000_000", "REJECTED 000_002");
        assertThat(jdbc.queryForList("SELECT rerun_no FROM issuance_request WHERE batch_id = ? ORDER BY line_no",
                Integer.class, batchId))
            .containsExactly(null, 1, null);
        // Traceable: the earlier outcome is kept, and the rerun is recorded.
        Map<String, Object> attempt = jdbc.queryForMap("SELECT a.* FROM request_attempt a JOIN issuance_request r "
                + "ON r.id = a.request_pk WHERE r.batch_id = ?", batchId);
        assertThat(attempt).containsEntry("RETRIED_BY", 1)
            .containsEntry("STATUS", "REJECTED")
            .containsEntry("RESULT_CODE", "003_064")
            .containsEntry("RESULT_MESSAGE", "Download digital card error.");
        assertThat(jdbc.queryForMap("SELECT * FROM issuance_rerun WHERE batch_id = ?", batchId))
            .containsEntry("RERUN_NO", 1)
            .containsEntry("STATUS", "COMPLETED")
            .containsEntry("SELECTED", 1L)
            .containsEntry("CODES", "001_006,003_063,003_064");
        // Conservation of the original batch, and never two applications for one request.
        assertThat(fixture.count("SELECT COUNT(*) FROM issuance_request WHERE batch_id = ?", batchId)).isEqualTo(3);
        assertThat(fixture.count("SELECT COUNT(*) FROM " + JobFixture.REQUESTS + " q WHERE batch_id = ? AND status IN "
                + "('ISSUED', 'REJECTED')", batchId))
            .isEqualTo(3);
        assertThat(fixture.count("SELECT COUNT(*) FROM card_application WHERE batch_id = ?", batchId)).isEqualTo(2);
        assertThat(fixture.count("SELECT COUNT(*) FROM (SELECT request_pk FROM card_application GROUP BY request_pk "
                + "HAVING COUNT(*) > 1) twice"))
            .isZero();

        // Delta outputs: exactly the retried record, issued on the rerun's date.
        Map<String, Object> app = jdbc
            .queryForMap("SELECT * FROM card_application WHERE batch_id = ? AND user_id = 1002", batchId);
        String applyNo = ((String) app.get("CARD_APPLY_NO")).trim();
        String physical = (String) app.get("PHYSICAL_CARD_MASKED");
        assertThat(applyNo).startsWith("261125");
        List<String> results = fixture.lines(delta.results());
        assertThat(results).hasSize(2);
        assertThat(results.get(0)).isEqualTo(String.join(",", com.example.cards.export.ResultFileWriter.HEADER));
        assertThat(results.get(1)).matches("3,R2,1002,\\d{12}-[0-9a-f]{7},ISSUED,000_000,Success\\.," + applyNo + ","
                + physical.replace("*", "\\*") + ",941100\\*{6}\\d{4},20311130");
        assertThat(fixture.lines(delta.rejections())).hasSize(1);
        List<String> manifest = fixture.lines(delta.manifest());
        String last4 = physical.substring(physical.length() - 4);
        assertThat(manifest).containsExactly("H," + batchId + ",20261125,002",
                "D,1," + batchId + "-R001-P000001," + applyNo + ",이서연,010-7890-1234,06236,서울특별시 강남구 테헤란로 123,"
                        + "5층,STANDARD,DEBIT0000000001,Everyday Debit," + last4,
                "T,1,1," + (6236 + Integer.parseInt(last4)));
        JsonNode summary = JSON.readTree(delta.summary().toFile());
        assertThat(summary.get("batchId").asString()).isEqualTo(batchId);
        assertThat(summary.get("rerun").asInt()).isEqualTo(1);
        assertThat(summary.get("rerunId").asString()).isEqualTo(batchId + "-rerun-001");
        assertThat(summary.get("originalRunDate").asString()).isEqualTo("2026-11-24");
        assertThat(summary.get("runDate").asString()).isEqualTo("2026-11-25");
        assertThat(summary.get("records").asLong()).isEqualTo(1);
        assertThat(summary.get("countsByPreviousCode").toString()).isEqualTo("{\"003_064\":1}");
        assertThat(summary.get("countsByStatus").toString()).isEqualTo("{\"ISSUED\":1}");
        assertThat(summary.get("files")).hasSize(3);

        // The batch's own outputs are left as they were.
        assertThat(Files.readAllBytes(original.results())).isEqualTo(originalResults);
        assertThat(Files.readAllBytes(original.manifest())).isEqualTo(originalManifest);
    }

    @Test
    void aStagingBatchIsRerunOnceItsLastStagingRunCompleted(CapturedOutput output) throws Exception {
        String staged = batchId + "-staged";
        StagingFixture staging = new StagingFixture(context.getBean(JobOperator.class),
                context.getBean(JobNames.ISSUE_STAGED, Job.class), jdbc, context.getBean(FieldCipher.class), out);
        staging.stage(staged, 1, ResubmissionJobFunctionalTests.ISSUED.replaceFirst("^R1,", "S1,"),
                ResubmissionJobFunctionalTests.NO_WALLET.replaceFirst("^R2,", "S2,"));
        JobExecution claimed = staging.run(staged, LocalDate.of(2026, 11, 24));
        assertThat(claimed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(fixture.requests(staged).stream().map(r -> r.get("STATUS") + " " + r.get("RESULT_CODE")))
            .containsExactly("ISSUED 000_000", "REJECTED 003_064");

        jdbc.update("UPDATE wallet_member SET mobile_wallet = 'Y' WHERE user_id = 1002");
        assertThat(
                launcher.launch(JobNames.RERUN_FAILED, "batchId=" + staged, "outputDir=" + out, "runDate=2026-11-25"))
            .isEqualTo(ExitCodes.COMPLETED);
        assertThat(output.getOut()).contains("Rerun 1 of batch " + staged + " COMPLETED");
        assertThat(fixture.requests(staged).stream().map(r -> r.get("STATUS") + " " + r.get("RESULT_CODE")))
            .containsExactly("ISSUED 000_000", "ISSUED 000_000");
        assertThat(fixture.lines(fixture.outputs(staged).rerun(1).results())).hasSize(2);
    }

    @Test
    void aStagingBatchWhoseLastRunFailedIsNotRerunAndTheRefusalSaysHowToResumeIt(CapturedOutput output)
            throws Exception {
        String staged = batchId + "-unfinished";
        StagingFixture staging = new StagingFixture(context.getBean(JobOperator.class),
                context.getBean(JobNames.ISSUE_STAGED, Job.class), jdbc, context.getBean(FieldCipher.class), out);
        staging.stage(staged, 1, ResubmissionJobFunctionalTests.NO_WALLET.replaceFirst("^R2,", "U2,"));
        JobExecution claimed = staging.run(staged, LocalDate.of(2026, 11, 24));
        assertThat(claimed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        // a later night's run of the same batch that did not finish
        jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'FAILED' WHERE JOB_EXECUTION_ID = ?", claimed.getId());

        assertThat(
                launcher.launch(JobNames.RERUN_FAILED, "batchId=" + staged, "outputDir=" + out, "runDate=2026-11-25"))
            .isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(output.getErr()).contains("batch " + staged + " has not completed (its last run is FAILED): "
                + "resume it with jobs/restart.sh --batch-id " + staged + " before rerunning its rejections");
    }

    @Test
    void aRerunThatStillFailsKeepsTheRejectionAndTheNextRerunHasNothingToDo() throws Exception {
        assertThat(rerun("codes=003_064")).isEqualTo(ExitCodes.COMPLETED);
        assertThat(statuses()).containsExactly("ISSUED 000_000", "REJECTED 003_064", "REJECTED 000_002");
        List<String> rejections = fixture.lines(fixture.outputs(batchId).rerun(1).rejections());
        assertThat(rejections).hasSize(2);
        assertThat(rejections.get(1)).startsWith("3,003_064,Download digital card error.,");
        assertThat(fixture.lines(fixture.outputs(batchId).rerun(1).results())).hasSize(2);

        // Product-rule codes only when named; nothing of the batch has one, so rerun 2
        // completes with zero counts.
        assertThat(rerun("codes=003_061,003_062", "runDate=2026-11-27")).isEqualTo(ExitCodes.COMPLETED);
        OutputNames second = fixture.outputs(batchId).rerun(2);
        assertThat(fixture.lines(second.results())).hasSize(1);
        assertThat(fixture.lines(second.rejections())).hasSize(1);
        assertThat(fixture.lines(second.manifest())).containsExactly("H," + batchId + ",20261127,003", "T,0,0,0");
        JsonNode summary = JSON.readTree(second.summary().toFile());
        assertThat(summary.get("records").asLong()).isZero();
        assertThat(summary.get("countsByStatus").toString()).isEqualTo("{}");
        assertThat(fixture.count("SELECT COUNT(*) FROM issuance_rerun WHERE batch_id = ? AND status = 'COMPLETED'",
                batchId))
            .isEqualTo(2);
        assertThat(
                fixture.count("SELECT COUNT(*) FROM request_attempt a JOIN issuance_request r ON r.id = a.request_pk "
                        + "WHERE r.batch_id = ?", batchId))
            .isEqualTo(1);
    }

    @Test
    void formatErrorsAndDuplicatesAreRefused(CapturedOutput output) {
        assertThat(rerun("codes=003_064,000_002")).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(output.getErr()).contains("rerun of batch " + batchId + " refused: 000_002 is not rerunnable: a "
                + "format error needs a corrected file");
        assertThat(rerun("codes=900_001")).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(rerun("codes=003_099")).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(output.getErr()).contains("unknown result code '003_099'");

        assertThat(statuses()).containsExactly("ISSUED 000_000", "REJECTED 003_064", "REJECTED 000_002");
        assertThat(fixture.count("SELECT COUNT(*) FROM issuance_rerun WHERE batch_id = ?", batchId)).isZero();
        assertThat(Files.exists(fixture.outputs(batchId).rerun(1).summary())).isFalse();
    }

    @Test
    void anUnknownBatchIsRefused(CapturedOutput output) {
        batchId = "never-submitted";
        assertThat(rerun()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(output.getErr()).contains("batch never-submitted is unknown: there is nothing to rerun");
    }

    @Test
    void aFailedRerunResumesUnderItsOwnNumberAndIssuesOnce() throws Exception {
        jdbc.update("UPDATE wallet_member SET mobile_wallet = 'Y' WHERE user_id = 1002");
        Path good = out;
        out = dir.resolve("blocked");
        ExportBlocker.block(out, batchId, LocalDate.of(2026, 11, 25));
        assertThat(rerun("runDate=2026-11-25")).isEqualTo(ExitCodes.FAILED);
        assertThat(statuses()).containsExactly("ISSUED 000_000", "ISSUED 000_000", "REJECTED 000_002");
        assertThat(
                fixture.count("SELECT COUNT(*) FROM issuance_rerun WHERE batch_id = ? AND status = 'STARTED'", batchId))
            .isEqualTo(1);

        out = good;
        assertThat(rerun("codes=001_006")).as("another rerun while rerun 1 is unfinished")
            .isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(rerun("runDate=2026-11-26")).isEqualTo(ExitCodes.COMPLETED);

        assertThat(fixture.count("SELECT COUNT(*) FROM issuance_rerun WHERE batch_id = ?", batchId)).isEqualTo(1);
        assertThat(fixture.count("SELECT COUNT(*) FROM card_application WHERE batch_id = ?", batchId)).isEqualTo(2);
        // It resumed rerun 1 on its recorded run date, and its delta outputs hold the
        // record issued before the failure.
        assertThat(fixture.lines(fixture.outputs(batchId).rerun(1).results())).hasSize(2);
        assertThat(fixture.lines(fixture.outputs(batchId).rerun(1).manifest()).get(0))
            .isEqualTo("H," + batchId + ",20261125,002");
        assertThat(fixture.count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = 'rerunFailedJob' AND "
                + "JOB_INSTANCE_ID IN (SELECT e.JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_EXECUTION_PARAMS p "
                + "ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID WHERE p.PARAMETER_NAME = 'batchId' AND p.PARAMETER_VALUE = ?)",
                batchId))
            .isEqualTo(1);
    }

    private List<String> statuses() {
        return fixture.requests(batchId).stream().map(r -> r.get("STATUS") + " " + r.get("RESULT_CODE")).toList();
    }

}
