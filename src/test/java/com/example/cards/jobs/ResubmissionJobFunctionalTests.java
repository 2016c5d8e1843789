package com.example.cards.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.cards.cli.ExitCodes;
import com.example.cards.crypto.FileDigest;
import com.example.cards.export.OutputNames;
import com.example.cards.run.JobNames;
import com.example.cards.run.RunParameters;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resubmission is idempotent: the same batch id with the same file returns the earlier
 * results and issues nothing; with another file it is refused before anything is staged.
 */
@ExtendWith(OutputCaptureExtension.class)
class ResubmissionJobFunctionalTests extends JobFunctionalTestSupport {

    private static final AtomicInteger BATCH = new AtomicInteger();

    static final String ISSUED = ResultCodeJobFunctionalTests.VALID;
    static final String NO_WALLET = "R2,1002,이서연,LEE SEOYEON,920315-2345678,010-7890-1234,Y,088,110-777-123456,"
            + "DEBIT0000000001,PRE_ISSUE,N,Y,06236,서울특별시 강남구 테헤란로 123,5층";
    static final String BAD_MOBILE = "R3,1003,박지훈,PARK JIHOON,851122-1456789,011-2345-6789,Y,088,110234567890,"
            + "DEBIT0000000001,PHYSICAL,N,N,,,";

    @Autowired
    ApplicationContext context;

    @TempDir
    Path dir;

    JobFixture fixture;

    Launcher launcher;

    Path out;

    @BeforeEach
    void setUp() {
        out = dir.resolve("out");
        fixture = fixture(out);
        launcher = new Launcher(context);
    }

    private int issue(String batchId, Path input, String runDate) {
        return issue(batchId, input, runDate, out);
    }

    private int issue(String batchId, Path input, String runDate, Path outputDir) {
        return launcher.launch(JobNames.ISSUE_CARDS, "batchId=" + batchId, "runDate=" + runDate, "inputFile=" + input,
                "outputDir=" + outputDir);
    }

    @Test
    void theSameFileAgainReturnsTheEarlierResultsAndIssuesNothing(CapturedOutput output) throws Exception {
        String batchId = "resub-" + BATCH.incrementAndGet();
        Path input = JobFixture.write(dir, "in.csv",
                JobFixture.HEADER + "\n" + ISSUED + "\n" + NO_WALLET + "\n" + BAD_MOBILE + "\n");
        assertThat(issue(batchId, input, "2026-11-24")).isEqualTo(ExitCodes.COMPLETED);
        OutputNames names = fixture.outputs(batchId);
        Map<Path, byte[]> before = contents(names);
        Map<String, Integer> counts = counts(batchId);
        assertThat(counts).containsEntry("applications", 1).containsEntry("requests", 3);

        assertThat(issue(batchId, input, "2026-11-24")).isEqualTo(ExitCodes.ALREADY_COMPLETED);
        assertThat(output.getOut())
            .contains("Batch " + batchId + " was already issued from this file (run date " + "2026-11-24")
            .contains("Nothing new was issued")
            .contains("  results:    " + names.results().toAbsolutePath().normalize())
            .contains("  summary:    " + names.summary().toAbsolutePath().normalize());
        assertThat(output.getErr()).contains("batch " + batchId + " for run date 2026-11-24 has already completed");

        // The next day's scheduler run of the same file: the batch was issued, its run
        // date stands.
        assertThat(issue(batchId, input, "2026-11-25")).isEqualTo(ExitCodes.ALREADY_COMPLETED);
        assertThat(output.getErr()).contains("the run date given, 2026-11-25, was ignored");

        assertThat(counts(batchId)).isEqualTo(counts);
        assertThat(contents(names)).containsOnlyKeys(before.keySet());
        before.forEach((path, bytes) -> assertThat(contents(names).get(path)).as(path.toString()).isEqualTo(bytes));
    }

    @Test
    void anotherFileUnderTheSameBatchIdIsRefusedBeforeAnythingIsStaged(CapturedOutput output) throws Exception {
        String batchId = "resub-" + BATCH.incrementAndGet();
        Path first = JobFixture.write(dir, "first.csv", JobFixture.HEADER + "\n" + ISSUED + "\n");
        assertThat(issue(batchId, first, "2026-11-24")).isEqualTo(ExitCodes.COMPLETED);
        Map<String, Integer> counts = counts(batchId);
        String firstSha = FileDigest.sha256(first);

        Path second = JobFixture.write(dir, "second.csv",
                JobFixture.HEADER + "\n" + ISSUED.replace("R1,", "R9,").replace(",1001,", ",1003,") + "\n");
        assertThat(issue(batchId, second, "2026-11-24")).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(output.getErr())
            .contains("batch " + batchId + " was already submitted with a different file (SHA-256 " + firstSha
                    + "); this file's SHA-256 is " + FileDigest.sha256(second))
            .contains("nothing of it was staged or issued");
        assertThat(issue(batchId, second, "2026-11-25")).isEqualTo(ExitCodes.INVALID_INPUT);

        assertThat(counts(batchId)).isEqualTo(counts);
        assertThat(fixture.count("SELECT COUNT(*) FROM issuance_request WHERE batch_id = ? AND request_id = 'R9'",
                batchId))
            .isZero();
        assertThat(fixture.count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE i JOIN BATCH_JOB_EXECUTION_PARAMS p "
                + "ON p.JOB_EXECUTION_ID IN (SELECT e.JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION e "
                + "WHERE e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID) WHERE p.PARAMETER_NAME = 'batchId' "
                + "AND p.PARAMETER_VALUE = ?", batchId))
            .as("only the first file's job execution")
            .isEqualTo(1);
    }

    @Test
    void anUnfinishedBatchResumesOnlyUnderItsOwnRunDate(CapturedOutput output) throws Exception {
        String batchId = "resub-" + BATCH.incrementAndGet();
        Path input = JobFixture.write(dir, "in.csv", JobFixture.HEADER + "\n" + ISSUED + "\n" + NO_WALLET + "\n");
        Path blocked = dir.resolve("blocked");
        ExportBlocker.block(blocked, batchId, LocalDate.of(2026, 11, 24));
        assertThat(issue(batchId, input, "2026-11-24", blocked)).isEqualTo(ExitCodes.FAILED);

        assertThat(issue(batchId, input, "2026-11-25")).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(output.getErr()).contains("batch " + batchId + " was submitted for run date 2026-11-24 and has not "
                + "completed. Resume it with runDate=2026-11-24");

        assertThat(issue(batchId, input, "2026-11-24")).isEqualTo(ExitCodes.COMPLETED);
        assertThat(counts(batchId)).containsEntry("requests", 2).containsEntry("applications", 1);
        assertThat(fixture.lines(fixture.outputs(batchId).results())).hasSize(3);
    }

    @Test
    void aLaunchThatBypassesThePlannerIsRefusedInsideTheJobByTheSameRule() throws Exception {
        String batchId = "resub-" + BATCH.incrementAndGet();
        Path first = JobFixture.write(dir, "first.csv", JobFixture.HEADER + "\n" + ISSUED + "\n");
        assertThat(fixture.run(batchId, first).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, Integer> counts = counts(batchId);

        Path second = JobFixture.write(dir, "second.csv",
                JobFixture.HEADER + "\n" + ISSUED.replace("R1,", "R9,").replace(",1001,", ",1003,") + "\n");
        JobParameters nextDay = new JobParametersBuilder().addString(RunParameters.BATCH_ID, batchId)
            .addLocalDate(RunParameters.RUN_DATE, JobFixture.RUN_DATE.plusDays(1))
            .addString(RunParameters.INPUT_FILE, second.toString(), false)
            .addString(RunParameters.OUTPUT_DIR, out.toString(), false)
            .toJobParameters();
        JobExecution refused = jobOperator.start(job, nextDay);

        assertThat(refused.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(refused.getAllFailureExceptions()).extracting(Throwable::getMessage)
            .anySatisfy(message -> assertThat(message)
                .contains("batch " + batchId + " was already submitted with a different file (SHA-256 "
                        + FileDigest.sha256(first) + "); this file's SHA-256 is " + FileDigest.sha256(second))
                .contains("nothing of it was staged or issued"));
        assertThat(counts(batchId)).isEqualTo(counts);
        assertThat(fixture.count("SELECT COUNT(*) FROM issuance_request WHERE batch_id = ? AND request_id = 'R9'",
                batchId))
            .isZero();
    }

    private Map<String, Integer> counts(String batchId) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("requests", fixture.count("SELECT COUNT(*) FROM issuance_request WHERE batch_id = ?", batchId));
        counts.put("applications", fixture.count("SELECT COUNT(*) FROM card_application WHERE batch_id = ?", batchId));
        counts.put("cards", fixture.count("SELECT COUNT(*) FROM card"));
        counts.put("pending",
                fixture.count("SELECT COUNT(*) FROM " + JobFixture.REQUESTS + " q WHERE status = 'PENDING'"));
        return counts;
    }

    private static Map<Path, byte[]> contents(OutputNames names) {
        Map<Path, byte[]> contents = new LinkedHashMap<>();
        for (Path file : List.of(names.results(), names.rejections(), names.manifest(), names.summary())) {
            try {
                contents.put(file, Files.readAllBytes(file));
            }
            catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return contents;
    }

}
