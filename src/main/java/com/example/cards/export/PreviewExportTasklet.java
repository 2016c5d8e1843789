package com.example.cards.export;

import com.example.cards.run.RunContext;
import com.example.cards.run.RunParameters;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.example.cards.request.InputEncoding;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes a preview's outputs, {@code <batchId>-preview-rejections.csv} (the same format
 * as a real run's rejections) and {@code <batchId>-preview-summary.json}, then deletes
 * the preview's staged rows in the same transaction, so a preview leaves nothing behind
 * in the request table.
 */
public class PreviewExportTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(PreviewExportTasklet.class);

    private final JdbcTemplate jdbc;

    private final RejectionFileWriter rejections;

    private final RunSummaryWriter summary;

    private final Path defaultOutputDir;

    private final Clock clock;

    public PreviewExportTasklet(JdbcTemplate jdbc, RejectionFileWriter rejections, RunSummaryWriter summary,
            Path defaultOutputDir, Clock clock) {
        this.jdbc = jdbc;
        this.rejections = rejections;
        this.summary = summary;
        this.defaultOutputDir = defaultOutputDir;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
        JobParameters parameters = job.getJobParameters();
        String batchId = parameters.getString(RunParameters.BATCH_ID);
        String previewBatchId = RunParameters.previewBatchId(batchId);
        Charset charset = RunParameters.charset(parameters);
        boolean bom = "Y".equals(job.getExecutionContext().getString(RunContext.INPUT_BOM, "N"));
        OutputNames names = new OutputNames(RunParameters.outputDir(parameters, defaultOutputDir), batchId).preview();

        OutputFile file = rejections.write(previewBatchId, names.rejections(), charset, bom);
        RunSummaryWriter.Counts counts = summary.count(previewBatchId);
        summary.write(
                new PreviewSummary(batchId, "PREVIEW", job.getId(), String.valueOf(RunParameters.runDate(parameters)),
                        new RunSummary.Input(
                                Path.of(parameters.getString(RunParameters.INPUT_FILE)).toAbsolutePath().toString(),
                                job.getExecutionContext().getString(RunContext.INPUT_SHA256, null),
                                InputEncoding.canonicalName(charset)),
                        job.getExecutionContext().getString(RunContext.SUBMISSION, null), format(job.getStartTime()),
                        format(LocalDateTime.now(clock)), counts.total(), counts.byStatus(), counts.byCode(),
                        List.of(new RunSummary.File(
                                file.kind(), file.path().toAbsolutePath().normalize().toString(), file.sha256(),
                                file.records())),
                        "Preview only: nothing was issued and no card number was allocated. ACCEPTED requests pass every rule "
                                + "against today's reference data."),
                names.summary());
        int deleted = jdbc.update("DELETE FROM issuance_request WHERE batch_id = ?", previewBatchId);
        log.info("Preview of batch {}: {} records, {} rejected; wrote {} and {}; cleared {} staged rows", batchId,
                counts.total(), file.records(), names.rejections(), names.summary(), deleted);
        return RepeatStatus.FINISHED;
    }

    private static String format(LocalDateTime time) {
        return time == null ? null : time.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }

}
