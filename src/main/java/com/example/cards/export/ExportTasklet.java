package com.example.cards.export;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import com.example.cards.crypto.CardDataKey;
import com.example.cards.crypto.CourierKey;
import com.example.cards.request.InputEncoding;
import com.example.cards.request.RequestOutcomes;
import com.example.cards.run.BatchSource;
import com.example.cards.run.RerunCodes;
import com.example.cards.run.RerunStatus;
import com.example.cards.run.RunContext;
import com.example.cards.run.RunParameters;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The export step: writes the outputs of what the job covers ({@link ExportScope}: a CSV
 * batch, a staging claim, a rerun, a preview) from committed rows, in line order: result
 * file, rejections, delivery manifest (encrypted for the courier when a courier key is
 * configured), the service provider's card-data file when a card-data key set is
 * configured (a preview writes its rejections only), then the summary that fingerprints
 * them. Each file is written whole and moved into place, so a restart of this step writes
 * the same files again, identical however many restarts the issue step took.
 *
 * <p>
 * The files are written at the same time, each on a thread of its own inside a read-only
 * transaction of its own (so the database streams its cursor): they read committed rows
 * only, so nothing orders them, and one file's sort or decryption overlaps another's
 * reading. The results file, which reads every row in scope, adds up the summary's counts
 * as it goes (a preview writes no results file, so it counts them with a query of its
 * own, at the same time); the summary itself is written after the files, since it holds
 * their fingerprints. Last, in the step's transaction, a rerun is recorded as completed
 * and a preview's staged rows are deleted, so a preview leaves nothing behind in the
 * request table.
 */
public class ExportTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ExportTasklet.class);

    private static final String PREVIEW_NOTE = "Preview only: nothing was issued and no card number was allocated. "
            + "ACCEPTED requests pass every rule against today's reference data.";

    private final JdbcTemplate jdbc;

    private final ResultFileWriter results;

    private final RejectionFileWriter rejections;

    private final DeliveryManifestWriter manifest;

    private final RunSummaryWriter summary;

    private final CardDataFileWriter cardData;

    private final RecipientKeys recipients;

    private final Path defaultOutputDir;

    private final Clock clock;

    private final TransactionTemplate readOnly;

    public ExportTasklet(JdbcTemplate jdbc, ResultFileWriter results, RejectionFileWriter rejections,
            DeliveryManifestWriter manifest, RunSummaryWriter summary, CardDataFileWriter cardData,
            RecipientKeys recipients, Path defaultOutputDir, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.cardData = cardData;
        this.recipients = recipients;
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
        ExportScope scope = ExportScope.of(job);
        OutputNames names = scope.names(RunParameters.outputDir(job.getJobParameters(), defaultOutputDir));
        Source source = source(scope, job);
        ClaimScope rows = scope.rows();

        // A preview issues nothing, so it has no recipient: its keys are not even read.
        Optional<CardDataKey> cardDataKey = scope.rejectionsOnly() ? Optional.empty()
                : recipients.cardDataKey(job.getJobParameters());
        CourierKey courier = scope.rejectionsOnly() ? null : recipients.courierKey(job.getJobParameters()).orElse(null);

        List<Supplier<?>> tasks = new ArrayList<>();
        RunSummaryWriter.Tally tally = new RunSummaryWriter.Tally();
        if (!scope.rejectionsOnly()) {
            // the results file reads every row in scope, so it counts them for the
            // summary
            tasks.add(() -> results.write(rows, names.results(), source.charset(), source.bom(), tally));
        }
        tasks.add(() -> rejections.write(rows, names.rejections(), source.charset(), source.bom()));
        if (!scope.rejectionsOnly()) {
            tasks.add(() -> manifest.write(rows, scope.runDate(), scope.manifestSequence(), names.manifest(),
                    source.charset(), source.bom(), courier));
        }
        cardDataKey.ifPresent((key) -> tasks.add(() -> cardData.write(rows, key, names.cardData())));
        if (scope.rejectionsOnly()) {
            tasks.add(() -> summary.count(rows));
        }
        List<Object> done = inParallel(tasks);
        List<OutputFile> files = done.stream()
            .filter(OutputFile.class::isInstance)
            .map(OutputFile.class::cast)
            .toList();
        RunSummaryWriter.Counts counts = scope.rejectionsOnly() ? (RunSummaryWriter.Counts) done.get(done.size() - 1)
                : tally.counts();

        String cardDataNote = cardDataNote(scope, files);
        summary.write(summaryOf(scope, job, source, names, counts, files, cardDataNote), names.summary());
        finish(scope, job);
        for (OutputFile f : files) {
            log.info("Wrote {} ({} records{}): {}", f.kind(), f.records(),
                    f.recipientKey() == null ? "" : ", encrypted for " + f.recipientKey(), f.path());
        }
        if (!scope.rejectionsOnly()) {
            job.getExecutionContext().putString(RunContext.CARD_DATA_REPORT, cardDataNote);
            files.stream()
                .filter((f) -> DeliveryManifestWriter.KIND.equals(f.kind()))
                .findFirst()
                .ifPresent((f) -> job.getExecutionContext()
                    .putString(RunContext.MANIFEST_FILE, f.path().toAbsolutePath().normalize().toString()
                            + (f.recipientKey() == null ? "" : " (encrypted for " + f.recipientKey() + ")")));
        }
        log.info("Wrote summary: {}", names.summary());
        return RepeatStatus.FINISHED;
    }

    /**
     * What the outputs are read from, and so how they are encoded: a CSV file's outputs
     * follow the file (its encoding, its byte-order mark); a staging claim's are UTF-8
     * without one; a rerun's follow the batch's registered file.
     */
    private Source source(ExportScope scope, JobExecution job) {
        JobParameters parameters = job.getJobParameters();
        ExecutionContext context = job.getExecutionContext();
        if (scope instanceof ExportScope.StagingClaim) {
            Charset utf8 = StandardCharsets.UTF_8;
            return new Source(new RunSummary.Input(
                    "issuance_request (staging table): batch " + scope.batchId() + ", claimed for " + scope.runDate(),
                    null, InputEncoding.canonicalName(utf8)), utf8, false, null);
        }
        if (scope instanceof ExportScope.Rerun) {
            return jdbc.queryForObject("""
                    SELECT run_date, input_name, input_sha256, encoding, input_bom
                      FROM issuance_batch WHERE batch_id = ?""",
                    (rs, i) -> new Source(
                            new RunSummary.Input(rs.getString(2),
                                    rs.getString(3) == null ? null : rs.getString(3).trim(), rs.getString(4)),
                            InputEncoding.resolve(rs.getString(4)), "Y".equals(rs.getString(5)),
                            rs.getDate(1).toLocalDate().toString()),
                    scope.batchId());
        }
        Charset charset = RunParameters.charset(parameters);
        return new Source(
                new RunSummary.Input(
                        Path.of(parameters.getString(RunParameters.INPUT_FILE)).toAbsolutePath().toString(),
                        context.getString(RunContext.INPUT_SHA256, null), InputEncoding.canonicalName(charset)),
                charset, "Y".equals(context.getString(RunContext.INPUT_BOM, "N")), null);
    }

    /**
     * What the summary and the end-of-run report say about the card-data file: where it
     * is and for which key, or why there is none.
     */
    private static String cardDataNote(ExportScope scope, List<OutputFile> files) {
        if (scope.rejectionsOnly()) {
            return "none: a preview issues nothing";
        }
        return files.stream()
            .filter((f) -> CardDataFileWriter.KIND.equals(f.kind()))
            .findFirst()
            .map((f) -> f.path().toAbsolutePath().normalize() + " (" + f.records() + " records, encrypted for "
                    + f.recipientKey() + ")")
            .orElse("none: no card-data key set is configured (" + RecipientKeys.CARD_DATA_JWKS_PROPERTY
                    + " or --card-data-jwks)");
    }

    private Record summaryOf(ExportScope scope, JobExecution job, Source source, OutputNames names,
            RunSummaryWriter.Counts counts, List<OutputFile> files, String cardDataNote) {
        String start = format(job.getStartTime());
        String end = format(LocalDateTime.now(clock));
        List<RunSummary.File> described = files.stream()
            .map(f -> new RunSummary.File(f.kind(), f.path().toAbsolutePath().normalize().toString(), f.sha256(),
                    f.records(), f.recipientKey()))
            .toList();
        if (scope instanceof ExportScope.Rerun rerun) {
            Map<String, Long> previous = new TreeMap<>();
            jdbc.query("SELECT result_code, COUNT(*) FROM request_attempt WHERE batch_id = ? AND retried_by = ? "
                    + "GROUP BY result_code", rs -> {
                        previous.put(rs.getString(1), rs.getLong(2));
                    }, rerun.batchId(), rerun.rerunNo());
            String codes = RerunCodes.format(RerunCodes.parse(job.getJobParameters().getString(RunParameters.CODES)));
            return new RerunSummary(rerun.batchId(), rerun.rerunNo(), names.batchId(), List.of(codes.split(",")),
                    job.getId(), rerun.runDate().toString(), source.originalRunDate(), source.input(), start, end,
                    counts.total(), previous, counts.byStatus(), counts.byCode(), described, cardDataNote);
        }
        if (scope instanceof ExportScope.Preview) {
            return new PreviewSummary(scope.batchId(), "PREVIEW", job.getId(), scope.runDate().toString(),
                    source.input(), job.getExecutionContext().getString(RunContext.SUBMISSION, null), start, end,
                    counts.total(), counts.byStatus(), counts.byCode(), described, PREVIEW_NOTE);
        }
        return new RunSummary(scope.batchId(), job.getId(), scope.runDate().toString(),
                (scope instanceof ExportScope.StagingClaim ? BatchSource.STAGING : BatchSource.CSV).name(),
                source.input(), start, end, counts.total(), counts.byStatus(), counts.byCode(), described,
                cardDataNote);
    }

    /** What the export closes, in the step's transaction. */
    private void finish(ExportScope scope, JobExecution job) {
        if (scope instanceof ExportScope.Rerun rerun) {
            jdbc.update(
                    "UPDATE issuance_rerun SET status = ?, completed_at = ?, job_execution_id = ? "
                            + "WHERE batch_id = ? AND rerun_no = ?",
                    RerunStatus.COMPLETED.name(), Timestamp.valueOf(LocalDateTime.now(clock)), job.getId(),
                    rerun.batchId(), rerun.rerunNo());
        }
        else if (scope instanceof ExportScope.Preview preview) {
            jdbc.update(RequestOutcomes.DELETE_OF_BATCH, preview.stagedBatchId());
            int deleted = jdbc.update("DELETE FROM issuance_request WHERE batch_id = ?", preview.stagedBatchId());
            log.info("Preview of batch {}: cleared {} staged rows", preview.batchId(), deleted);
        }
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

    /**
     * What the outputs were read from: the summary's description of it, the encoding the
     * outputs follow, and, for a rerun, the batch's own run date.
     */
    private record Source(RunSummary.Input input, Charset charset, boolean bom, String originalRunDate) {
    }

}
