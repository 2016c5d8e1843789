package com.example.cards.export;

import com.example.cards.run.RunContext;
import com.example.cards.run.RunParameters;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import com.example.cards.request.InputEncoding;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes every output of a run from committed rows, in line order: result file,
 * rejections, delivery manifest, then the summary that fingerprints them. Each file is
 * written whole and moved into place, so a restart of this step writes the same files
 * again, identical however many restarts the issue step took.
 *
 * <p>
 * The three files are written at the same time, each on a thread of its own inside a
 * read-only transaction of its own (so the database streams its cursor): they read
 * committed rows only, so nothing orders them, and one file's sort or decryption overlaps
 * another's reading. The summary's counts are taken at the same time, on a fourth thread;
 * the summary itself is written after all three files, since it holds their fingerprints.
 */
public class ExportTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ExportTasklet.class);

    private final ResultFileWriter results;

    private final RejectionFileWriter rejections;

    private final DeliveryManifestWriter manifest;

    private final RunSummaryWriter summary;

    private final Path defaultOutputDir;

    private final Clock clock;

    private final TransactionTemplate readOnly;

    public ExportTasklet(ResultFileWriter results, RejectionFileWriter rejections, DeliveryManifestWriter manifest,
            RunSummaryWriter summary, Path defaultOutputDir, Clock clock, PlatformTransactionManager transactions) {
        this.results = results;
        this.rejections = rejections;
        this.manifest = manifest;
        this.summary = summary;
        this.defaultOutputDir = defaultOutputDir;
        this.clock = clock;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
        JobParameters parameters = job.getJobParameters();
        String batchId = parameters.getString(RunParameters.BATCH_ID);
        LocalDate runDate = RunParameters.runDate(parameters);
        boolean staging = RunContext.STAGING.equals(job.getExecutionContext().getString(RunContext.SOURCE, null));
        // A staging run's outputs are UTF-8 without a BOM and cover the rows it claimed;
        // a CSV run's follow its file.
        Charset charset = staging ? StandardCharsets.UTF_8 : RunParameters.charset(parameters);
        boolean bom = !staging && "Y".equals(job.getExecutionContext().getString(RunContext.INPUT_BOM, "N"));
        ClaimScope scope = staging ? new ClaimScope(batchId, runDate) : ClaimScope.whole(batchId);
        OutputNames names = new OutputNames(RunParameters.outputDir(parameters, defaultOutputDir), scope.outputStem());

        List<Object> done = inParallel(List.of(() -> results.write(scope, names.results(), charset, bom),
                () -> rejections.write(scope, names.rejections(), charset, bom),
                () -> manifest.write(scope, runDate, 1, names.manifest(), charset, bom), () -> summary.count(scope)));
        List<OutputFile> files = List.of((OutputFile) done.get(0), (OutputFile) done.get(1), (OutputFile) done.get(2));
        RunSummaryWriter.Counts counts = (RunSummaryWriter.Counts) done.get(3);
        RunSummary.Input input = staging
                ? new RunSummary.Input(
                        "issuance_request (staging table): batch " + batchId + ", claimed for " + runDate, null,
                        InputEncoding.canonicalName(charset))
                : new RunSummary.Input(
                        Path.of(parameters.getString(RunParameters.INPUT_FILE)).toAbsolutePath().toString(),
                        job.getExecutionContext().getString(RunContext.INPUT_SHA256, null),
                        InputEncoding.canonicalName(charset));
        RunSummary run = new RunSummary(batchId, job.getId(), runDate.toString(), staging ? "STAGING" : "CSV", input,
                format(job.getStartTime()), format(LocalDateTime.now(clock)), counts.total(), counts.byStatus(),
                counts.byCode(),
                files.stream()
                    .map(f -> new RunSummary.File(f.kind(), f.path().toAbsolutePath().normalize().toString(),
                            f.sha256(), f.records()))
                    .toList());
        summary.write(run, names.summary());
        for (OutputFile f : files) {
            log.info("Wrote {} ({} records): {}", f.kind(), f.records(), f.path());
        }
        log.info("Wrote summary: {}", names.summary());
        return RepeatStatus.FINISHED;
    }

    /**
     * Runs each task on a thread of its own, in a read-only transaction of its own; their
     * results in task order. The first failure fails the step.
     */
    private List<Object> inParallel(List<Supplier<?>> tasks) {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size(), new CustomizableThreadFactory("export-"));
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (Supplier<?> task : tasks) {
                futures.add(pool.submit(() -> readOnly.execute(status -> (Object) task.get())));
            }
            List<Object> done = new ArrayList<>();
            for (Future<Object> future : futures) {
                done.add(future.get());
            }
            return done;
        }
        catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause.getMessage(), cause);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the outputs", e);
        }
        finally {
            pool.shutdownNow();
        }
    }

    private static String format(LocalDateTime time) {
        return time == null ? null : time.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }

}
