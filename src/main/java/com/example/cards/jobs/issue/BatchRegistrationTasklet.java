package com.example.cards.jobs.issue;

import com.example.cards.run.RunContext;
import com.example.cards.crypto.FileDigest;
import com.example.cards.run.RunParameters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;

import com.example.cards.request.InputEncoding;
import com.example.cards.stage.CsvHeader;
import com.example.cards.stage.InputFileException;
import com.example.cards.stage.RequestFileReader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The first step: checks the input file before anything is staged (readable, decodable
 * header with every required column), fingerprints it, and records the batch. A batch id
 * already used for another file or another run date is refused, so nothing of a wrong
 * submission is ever issued.
 */
public class BatchRegistrationTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(BatchRegistrationTasklet.class);

    private final JdbcTemplate jdbc;

    private final Clock clock;

    public BatchRegistrationTasklet(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobParameters parameters = chunkContext.getStepContext().getStepExecution().getJobParameters();
        String batchId = parameters.getString(RunParameters.BATCH_ID);
        LocalDate runDate = RunParameters.runDate(parameters);
        Path input = Path.of(parameters.getString(RunParameters.INPUT_FILE));
        Charset charset = RunParameters.charset(parameters);

        CsvHeader header = RequestFileReader.inspectHeader(input, charset);
        String sha256 = FileDigest.sha256(input);
        List<Registered> existing = jdbc.query("SELECT run_date, input_sha256 FROM issuance_batch WHERE batch_id = ?",
                (rs, i) -> new Registered(rs.getDate(1).toLocalDate(), rs.getString(2)), batchId);
        if (existing.isEmpty()) {
            jdbc.update("""
                    INSERT INTO issuance_batch (batch_id, run_date, source, input_name, input_sha256, encoding,
                        input_bom, created_at) VALUES (?, ?, 'CSV', ?, ?, ?, ?, ?)""", batchId, Date.valueOf(runDate),
                    input.toAbsolutePath().toString(), sha256, InputEncoding.canonicalName(charset),
                    header.bom() ? "Y" : "N", Timestamp.valueOf(LocalDateTime.now(clock)));
        }
        else {
            String knownSha = existing.get(0).sha256();
            LocalDate knownDate = existing.get(0).runDate();
            if (!sha256.equals(knownSha == null ? null : knownSha.trim())) {
                throw new InputFileException(
                        "Batch " + batchId + " was already submitted with a different file (SHA-256 " + knownSha
                                + "); this file's SHA-256 is " + sha256 + ". Nothing was issued from it. Submit a "
                                + "new file under a new batch id.");
            }
            if (!knownDate.equals(runDate)) {
                throw new InputFileException("Batch " + batchId + " was already submitted for run date " + knownDate
                        + ", not " + runDate + ". Run it with runDate=" + knownDate + " or use a new batch id.");
            }
        }
        ExecutionContext jobContext = chunkContext.getStepContext()
            .getStepExecution()
            .getJobExecution()
            .getExecutionContext();
        jobContext.putString(RunContext.INPUT_SHA256, sha256);
        jobContext.putString(RunContext.INPUT_BOM, header.bom() ? "Y" : "N");
        log.info("Batch {} registered: {} ({} columns, SHA-256 {})", batchId, input.getFileName(),
                header.columns().size(), sha256);
        return RepeatStatus.FINISHED;
    }

    private record Registered(LocalDate runDate, String sha256) {
    }

}
