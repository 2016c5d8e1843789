package com.example.cards.export;

import com.example.cards.run.RunParameters;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.example.cards.run.RerunCodes;
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
 * Writes a rerun's delta outputs, holding only the requests it retried:
 * {@code <batchId>-rerun-001-results.csv}, {@code -rejections.csv}, {@code -manifest.csv}
 * (header sequence 002 for rerun 1, the batch's own manifest being 001) and
 * {@code -summary.json}, in the encoding of the batch's input. Then marks the rerun
 * COMPLETED. Like the batch's export, a restart writes the same files again.
 */
public class RerunExportTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(RerunExportTasklet.class);

    private final JdbcTemplate jdbc;

    private final ResultFileWriter results;

    private final RejectionFileWriter rejections;

    private final DeliveryManifestWriter manifest;

    private final RunSummaryWriter summary;

    private final Path defaultOutputDir;

    private final Clock clock;

    public RerunExportTasklet(JdbcTemplate jdbc, ResultFileWriter results, RejectionFileWriter rejections,
            DeliveryManifestWriter manifest, RunSummaryWriter summary, Path defaultOutputDir, Clock clock) {
        this.jdbc = jdbc;
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
        String batchId = parameters.getString(RunParameters.BATCH_ID);
        int rerun = RunParameters.rerun(parameters);
        LocalDate runDate = RunParameters.runDate(parameters);
        Batch batch = jdbc.queryForObject(
                """
                        SELECT run_date, input_name, input_sha256, encoding, input_bom FROM issuance_batch WHERE batch_id = ?""",
                (rs, i) -> new Batch(rs.getDate(1).toLocalDate(), rs.getString(2),
                        rs.getString(3) == null ? null : rs.getString(3).trim(), rs.getString(4),
                        "Y".equals(rs.getString(5))),
                batchId);
        Charset charset = InputEncoding.resolve(batch.encoding());
        OutputNames names = new OutputNames(RunParameters.outputDir(parameters, defaultOutputDir), batchId)
            .rerun(rerun);

        List<OutputFile> files = new ArrayList<>();
        files.add(results.write(batchId, rerun, names.results(), charset, batch.bom()));
        files.add(rejections.write(batchId, rerun, names.rejections(), charset, batch.bom()));
        files.add(manifest.write(batchId, rerun, runDate, rerun + 1, names.manifest(), charset, batch.bom()));

        Map<String, Long> previous = new TreeMap<>();
        jdbc.query("SELECT result_code, COUNT(*) FROM request_attempt WHERE batch_id = ? AND retried_by = ? "
                + "GROUP BY result_code", rs -> {
                    previous.put(rs.getString(1), rs.getLong(2));
                }, batchId, rerun);
        RunSummaryWriter.Counts counts = summary.count(batchId, rerun);
        String codes = parameters.getString(RunParameters.CODES);
        summary.write(new RerunSummary(batchId, rerun, names.batchId(),
                List.of(RerunCodes.format(RerunCodes.parse(codes)).split(",")), job.getId(), runDate.toString(),
                batch.runDate().toString(), new RunSummary.Input(batch.inputName(), batch.sha256(), batch.encoding()),
                format(job.getStartTime()), format(LocalDateTime.now(clock)), counts.total(), previous,
                counts.byStatus(), counts.byCode(),
                files.stream()
                    .map(f -> new RunSummary.File(f.kind(), f.path().toAbsolutePath().normalize().toString(),
                            f.sha256(), f.records()))
                    .toList()),
                names.summary());
        jdbc.update(
                "UPDATE issuance_rerun SET status = 'COMPLETED', completed_at = ?, job_execution_id = ? "
                        + "WHERE batch_id = ? AND rerun_no = ?",
                Timestamp.valueOf(LocalDateTime.now(clock)), job.getId(), batchId, rerun);
        for (OutputFile f : files) {
            log.info("Wrote rerun {} {} ({} records): {}", rerun, f.kind(), f.records(), f.path());
        }
        log.info("Wrote rerun {} summary: {}", rerun, names.summary());
        return RepeatStatus.FINISHED;
    }

    private static String format(LocalDateTime time) {
        return time == null ? null : time.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }

    private record Batch(LocalDate runDate, String inputName, String sha256, String encoding, boolean bom) {
    }

}
