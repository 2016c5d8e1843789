package com.example.cards.jobs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.cards.cli.ExitCodes;
import com.example.cards.cli.RestartCommand;
import com.example.cards.cli.StatusReport;
import com.example.cards.crypto.FieldCipher;
import com.example.cards.run.JobNames;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code jobs/status.sh} and {@code jobs/restart.sh} for every job: a run of each job
 * fails (its output directory cannot be created: a file is in the way), status names the
 * command that brings it on, and restart, by execution id or by batch id, completes the
 * same job instance once the file is gone. A batch with several job instances is shown
 * whole, and a restart by batch id picks the run the rule in {@code BatchRuns} names.
 */
class OperatorCommandsJobFunctionalTests extends JobFunctionalTestSupport {

    private static final AtomicInteger BATCH = new AtomicInteger();

    @Autowired
    ApplicationContext context;

    @Autowired
    JobRepository jobRepository;

    @Autowired
    RestartCommand restartCommand;

    @Autowired
    StatusReport statusReport;

    @Autowired
    @Qualifier(JobNames.ISSUE_STAGED)
    Job stagedJob;

    @Autowired
    FieldCipher cipher;

    @TempDir
    Path dir;

    Launcher launcher;

    JobFixture fixture;

    Path out;

    /** A file where the output directory's parent should be: every export fails. */
    ExportBlocker blocker;

    Path blocked;

    Path input;

    String batchId;

    @BeforeEach
    void setUp() throws IOException {
        launcher = new Launcher(context);
        out = dir.resolve("out");
        fixture = fixture(out);
        blocked = dir.resolve("blocked");
        // one issued, one rejected with 003_064 (member 1002 has no mobile wallet)
        input = JobFixture.write(dir, "in.csv", JobFixture.HEADER + "\n" + ResubmissionJobFunctionalTests.ISSUED + "\n"
                + ResubmissionJobFunctionalTests.NO_WALLET + "\n");
        batchId = "ops-" + BATCH.incrementAndGet();
        // a run writing to it fails in its export step (the launch checks pass)
        blocker = ExportBlocker.block(blocked, batchId, LocalDate.of(2026, 11, 24));
    }

    @ParameterizedTest(name = "{0} by {1}")
    @CsvSource({ "issueCardsJob, execution id", "issueCardsJob, batch id", "issueStagedJob, execution id",
            "issueStagedJob, batch id", "rerunFailedJob, execution id", "rerunFailedJob, batch id",
            "previewCardsJob, execution id", "previewCardsJob, batch id" })
    void aFailedRunOfEachJobIsShownAndRestarted(String jobName, String by) throws IOException {
        JobExecution failed = failedRun(jobName);
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        String selector = by.equals("batch id") ? "--batch-id=" + batchId : "--execution-id=" + failed.getId();

        String before = status(selector);
        assertThat(before).contains("Batch " + batchId)
            .contains("job execution " + failed.getId() + "  FAILED  " + jobName)
            .containsPattern("failure: java\\..*Exception: .*" + blocked)
            .contains("next: " + expectedNext(jobName, failed));

        blocker.unblock();
        JobExecution restarted = restartCommand.restart(new DefaultApplicationArguments(selector));

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getJobInstance().getInstanceId()).isEqualTo(failed.getJobInstance().getInstanceId());
        assertThat(restarted.getId()).isGreaterThan(failed.getId());
        assertThat(blocked.toFile().list()).isNotEmpty();
        String after = status(selector);
        assertThat(after).contains("job execution " + failed.getId() + "  FAILED  " + jobName)
            .contains("job execution " + restarted.getId() + "  COMPLETED  " + jobName)
            .doesNotContain("jobs/restart.sh");
        assertThat(catchThrowableOfType(RestartCommand.Refused.class,
                () -> restartCommand.restart(new DefaultApplicationArguments(selector)))
            .exitCode()).as("nothing left to restart").isEqualTo(ExitCodes.ALREADY_COMPLETED);
    }

    @Test
    void aCompletedBatchWhoseOnlyRejectionsAre003_063IsSentToTheRerun() {
        String wrongRrn = ResultCodeJobFunctionalTests.VALID.replace("900101-1234567", "900101-1234568");
        input = JobFixture.write(dir, "rrn.csv", JobFixture.HEADER + "\n" + wrongRrn + "\n");
        assertThat(issue(out)).isEqualTo(ExitCodes.COMPLETED);

        assertThat(status("--batch-id=" + batchId)).contains("by result code: 003_063 1")
            .contains("next: nothing for the run itself. 1 request(s) were rejected with a code that can succeed later "
                    + "[001_006, 003_063, 003_064]: once the cause is fixed, jobs/rerun-failed.sh --batch-id "
                    + batchId);
    }

    @Test
    void aCompletedStagingBatchWithARetryableRejectionIsSentToTheRerun() {
        stage();
        assertThat(
                launcher.launch(JobNames.ISSUE_STAGED, "batchId=" + batchId, "runDate=2026-11-24", "outputDir=" + out))
            .isEqualTo(ExitCodes.COMPLETED);

        assertThat(status(batchId)).contains("003_064 1")
            .contains("next: nothing for the run itself. 1 request(s) were rejected with a code that can succeed later "
                    + "[001_006, 003_063, 003_064]: once the cause is fixed, jobs/rerun-failed.sh --batch-id "
                    + batchId);
    }

    @Test
    void aRestartByBatchIdResumesTheUnfinishedRerunBeforeAFailedPreviewThenStatusPointsAtThePreview()
            throws IOException {
        assertThat(preview(blocked)).isEqualTo(ExitCodes.FAILED);
        JobExecution preview = last(JobNames.PREVIEW_CARDS);
        assertThat(issue(out)).isEqualTo(ExitCodes.COMPLETED);
        JobExecution issued = last(JobNames.ISSUE_CARDS);
        assertThat(rerun(blocked)).isEqualTo(ExitCodes.FAILED);
        JobExecution rerun = last(JobNames.RERUN_FAILED);

        String all = status(String.valueOf(issued.getId()));
        assertThat(all).contains("job execution " + preview.getId() + "  FAILED  previewCardsJob")
            .contains("job execution " + issued.getId() + "  COMPLETED  issueCardsJob")
            .contains("job execution " + rerun.getId() + "  FAILED  rerunFailedJob (rerun 1, codes "
                    + "001_006,003_063,003_064)")
            .contains("next: jobs/restart.sh " + rerun.getId() + " (resumes rerun 1 of batch " + batchId);

        blocker.unblock();
        JobExecution resumed = restartCommand.restart(new DefaultApplicationArguments("--batch-id=" + batchId));
        assertThat(resumed.getJobInstance().getInstanceId()).isEqualTo(rerun.getJobInstance().getInstanceId());
        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(status(batchId)).contains("next: the preview FAILED (job execution " + preview.getId());

        JobExecution previewed = restartCommand.restart(new DefaultApplicationArguments(batchId));
        assertThat(previewed.getJobInstance().getInstanceId()).isEqualTo(preview.getJobInstance().getInstanceId());
        assertThat(previewed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(status(batchId)).contains("jobs/rerun-failed.sh --batch-id " + batchId);
    }

    @Test
    void anOlderPreviewIsSupersededByANewerOne() throws IOException {
        assertThat(preview(blocked)).isEqualTo(ExitCodes.FAILED);
        JobExecution older = last(JobNames.PREVIEW_CARDS);
        assertThat(preview(blocked)).isEqualTo(ExitCodes.FAILED);
        JobExecution newer = last(JobNames.PREVIEW_CARDS);
        blocker.unblock();

        RestartCommand.Refused refused = catchThrowableOfType(RestartCommand.Refused.class,
                () -> restartCommand.restart(new DefaultApplicationArguments(String.valueOf(older.getId()))));
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(refused.getMessage()).contains("superseded by a newer preview (job execution " + newer.getId());

        JobExecution restarted = restartCommand.restart(new DefaultApplicationArguments("--batch-id=" + batchId));
        assertThat(restarted.getJobInstance().getInstanceId()).isEqualTo(newer.getJobInstance().getInstanceId());
        assertThat(status(batchId)).contains("next: nothing to resume: only previews of this batch have run")
            .contains("jobs/issue-cards.sh --input " + input + " --batch-id " + batchId);
    }

    @Test
    void aKilledStagingRunIsShownAsKilledAndRecoveredByTheRestart() throws IOException {
        JobExecution failed = failedRun(JobNames.ISSUE_STAGED);
        // what a killed process leaves: the execution still marked STARTED, no end time
        failed.setStatus(BatchStatus.STARTED);
        failed.setEndTime(null);
        jobRepository.update(failed);

        assertThat(status(batchId)).contains("next: killed (the staging run of batch " + batchId
                + " was left STARTED by a process that is gone): jobs/restart.sh " + failed.getId());

        blocker.unblock();
        JobExecution restarted = restartCommand
            .restart(new DefaultApplicationArguments(String.valueOf(failed.getId())));
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jobRepository.getJobExecution(failed.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(fixture.count("SELECT COUNT(*) FROM card_application WHERE batch_id = ?", batchId)).isEqualTo(1);
    }

    @Test
    void unknownIdsAreRefusedWithExitCode2() {
        for (String argument : new String[] { "--batch-id=never-ran", "--execution-id=987654", "--execution-id=x" }) {
            assertThat(catchThrowableOfType(RestartCommand.Refused.class,
                    () -> restartCommand.restart(new DefaultApplicationArguments(argument)))
                .exitCode()).as(argument).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(catchThrowableOfType(RestartCommand.Refused.class, () -> status(argument)).exitCode())
                .as(argument)
                .isEqualTo(ExitCodes.INVALID_INPUT);
        }
        assertThat(catchThrowableOfType(RestartCommand.Refused.class,
                () -> restartCommand.restart(new DefaultApplicationArguments())))
            .hasMessageContaining("restart needs one job execution id (--execution-id=N) or one batch id");
        assertThat(catchThrowableOfType(RestartCommand.Refused.class, () -> status("--batch-id=a", "--batch-id=b")))
            .hasMessageContaining("--batch-id given more than once");
    }

    @Test
    void withoutAnIdStatusListsTheLatestExecutionsOfEveryJob() {
        assertThat(preview(out)).isEqualTo(ExitCodes.COMPLETED);
        assertThat(status()).contains("Latest job executions (newest first):")
            .containsPattern(last(JobNames.PREVIEW_CARDS).getId() + " +COMPLETED +previewCardsJob +batch " + batchId);
    }

    /** A FAILED run of the job: its export meets the blocker. */
    private JobExecution failedRun(String jobName) {
        int exit = switch (jobName) {
            case JobNames.ISSUE_CARDS -> issue(blocked);
            case JobNames.ISSUE_STAGED -> {
                stage();
                yield launcher.launch(JobNames.ISSUE_STAGED, "batchId=" + batchId, "runDate=2026-11-24",
                        "outputDir=" + blocked);
            }
            case JobNames.RERUN_FAILED -> {
                assertThat(issue(out)).isEqualTo(ExitCodes.COMPLETED);
                yield rerun(blocked);
            }
            case JobNames.PREVIEW_CARDS -> preview(blocked);
            default -> throw new IllegalArgumentException(jobName);
        };
        assertThat(exit).isEqualTo(ExitCodes.FAILED);
        return last(jobName);
    }

    private String expectedNext(String jobName, JobExecution failed) {
        return switch (jobName) {
            case JobNames.ISSUE_CARDS ->
                "jobs/restart.sh " + failed.getId() + " (resumes the issue of batch " + batchId;
            case JobNames.ISSUE_STAGED ->
                "jobs/restart.sh " + failed.getId() + " (resumes the staging run of batch " + batchId;
            case JobNames.RERUN_FAILED -> "jobs/restart.sh " + failed.getId() + " (resumes rerun 1 of batch " + batchId
                    + " from its last committed chunk; jobs/rerun-failed.sh --batch-id " + batchId + " does the same";
            case JobNames.PREVIEW_CARDS -> "the preview FAILED (job execution " + failed.getId()
                    + "; nothing was issued): run the preview again, jobs/issue-cards.sh --dry-run --input " + input
                    + " --batch-id " + batchId;
            default -> throw new IllegalArgumentException(jobName);
        };
    }

    private void stage() {
        new StagingFixture(jobOperator, stagedJob, jdbc, cipher, out).stage(batchId, 1,
                ResubmissionJobFunctionalTests.ISSUED, ResubmissionJobFunctionalTests.NO_WALLET);
    }

    private int issue(Path outputDir) {
        return launcher.launch(JobNames.ISSUE_CARDS, "batchId=" + batchId, "runDate=2026-11-24", "inputFile=" + input,
                "outputDir=" + outputDir);
    }

    private int preview(Path outputDir) {
        return launcher.launch(JobNames.PREVIEW_CARDS, "batchId=" + batchId, "runDate=2026-11-24", "inputFile=" + input,
                "outputDir=" + outputDir);
    }

    private int rerun(Path outputDir) {
        return launcher.launch(JobNames.RERUN_FAILED, "batchId=" + batchId, "runDate=2026-11-25",
                "outputDir=" + outputDir);
    }

    /** The newest execution of the job (tests in this context run one at a time). */
    private JobExecution last(String jobName) {
        return jobRepository.getLastJobExecution(jobRepository.getLastJobInstance(jobName));
    }

    private String status(String... arguments) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        statusReport.print(new DefaultApplicationArguments(arguments),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

}
