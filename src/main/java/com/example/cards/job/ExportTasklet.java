package com.example.cards.job;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.example.cards.output.ClaimScope;
import com.example.cards.output.DeliveryManifestWriter;
import com.example.cards.output.OutputFile;
import com.example.cards.output.OutputNames;
import com.example.cards.output.RejectionFileWriter;
import com.example.cards.output.ResultFileWriter;
import com.example.cards.output.RunSummary;
import com.example.cards.output.RunSummaryWriter;
import com.example.cards.request.InputEncoding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Writes every output of a run from committed rows, in line order: result file, rejections, delivery manifest, then
 * the summary that fingerprints them. Each file is written whole and moved into place, so a restart of this step
 * writes the same files again, identical however many restarts the issue step took.
 */
public class ExportTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ExportTasklet.class);

    private final ResultFileWriter results;
    private final RejectionFileWriter rejections;
    private final DeliveryManifestWriter manifest;
    private final RunSummaryWriter summary;
    private final Path defaultOutputDir;
    private final Clock clock;

    public ExportTasklet(ResultFileWriter results, RejectionFileWriter rejections, DeliveryManifestWriter manifest,
            RunSummaryWriter summary, Path defaultOutputDir, Clock clock) {
        this.results = results;
        this.rejections = rejections;
        this.manifest = manifest;
        this.summary = summary;
        this.defaultOutputDir = defaultOutputDir;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
        JobParameters parameters = job.getJobParameters();
        String batchId = parameters.getString(IssueJobParameters.BATCH_ID);
        LocalDate runDate = IssueJobParameters.runDate(parameters);
        boolean staging = StagedBatchClaimTasklet.STAGING
                .equals(job.getExecutionContext().getString(StagedBatchClaimTasklet.SOURCE, null));
        // A staging run's outputs are UTF-8 without a BOM and cover the rows it claimed; a CSV run's follow its file.
        Charset charset = staging ? StandardCharsets.UTF_8 : IssueJobParameters.charset(parameters);
        boolean bom = !staging && "Y".equals(job.getExecutionContext().getString(BatchRegistrationTasklet.INPUT_BOM, "N"));
        ClaimScope scope = staging ? new ClaimScope(batchId, runDate) : ClaimScope.whole(batchId);
        OutputNames names = new OutputNames(IssueJobParameters.outputDir(parameters, defaultOutputDir), scope.outputStem());

        List<OutputFile> files = new ArrayList<>();
        files.add(results.write(scope, names.results(), charset, bom));
        files.add(rejections.write(scope, names.rejections(), charset, bom));
        files.add(manifest.write(scope, runDate, 1, names.manifest(), charset, bom));

        RunSummaryWriter.Counts counts = summary.count(scope);
        RunSummary.Input input = staging
                ? new RunSummary.Input("issuance_request (staging table): batch " + batchId + ", claimed for "
                        + runDate, null, InputEncoding.canonicalName(charset))
                : new RunSummary.Input(Path.of(parameters.getString(IssueJobParameters.INPUT_FILE)).toAbsolutePath()
                        .toString(), job.getExecutionContext().getString(BatchRegistrationTasklet.INPUT_SHA256, null),
                        InputEncoding.canonicalName(charset));
        RunSummary run = new RunSummary(batchId, job.getId(), runDate.toString(), staging ? "STAGING" : "CSV", input,
                format(job.getStartTime()), format(LocalDateTime.now(clock)), counts.total(), counts.byStatus(),
                counts.byCode(), files.stream().map(f -> new RunSummary.File(f.kind(),
                        f.path().toAbsolutePath().normalize().toString(), f.sha256(), f.records())).toList());
        summary.write(run, names.summary());
        for (OutputFile f : files) {
            log.info("Wrote {} ({} records): {}", f.kind(), f.records(), f.path());
        }
        log.info("Wrote summary: {}", names.summary());
        return RepeatStatus.FINISHED;
    }


    private static String format(LocalDateTime time) {
        return time == null ? null : time.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }
}
