package com.example.cards.jobs.issue;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;

import com.example.cards.crypto.FileDigest;
import com.example.cards.jobs.Resubmission;
import com.example.cards.request.InputEncoding;
import com.example.cards.run.BatchSource;
import com.example.cards.run.RunContext;
import com.example.cards.run.RunParameters;
import com.example.cards.stage.CsvHeader;
import com.example.cards.stage.InputFileException;
import com.example.cards.stage.RequestFileReader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The first step: checks the input file before anything is staged (readable, decodable
 * header with every required column), fingerprints it, and records the batch. The
 * {@link Resubmission} rule refuses a batch id already used for another file or another
 * run date, so nothing of a wrong submission is ever issued, however the job was
 * launched.
 */
public class BatchRegistrationTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(BatchRegistrationTasklet.class);

    private final JdbcTemplate jdbc;

    private final Resubmission resubmission;

    private final Clock clock;

    public BatchRegistrationTasklet(JdbcTemplate jdbc, Resubmission resubmission, Clock clock) {
        this.jdbc = jdbc;
        this.resubmission = resubmission;
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
        Resubmission.Verdict verdict = resubmission.check(batchId, () -> sha256, runDate);
        if (verdict instanceof Resubmission.Refused refused) {
            throw new InputFileException(refused.reason());
        }
        if (verdict instanceof Resubmission.AlreadyCompleted completed) {
            throw new InputFileException(completed.reason(batchId, runDate) + ".");
        }
        if (verdict instanceof Resubmission.FirstSubmission) {
            jdbc.update("""
                    INSERT INTO issuance_batch (batch_id, run_date, source, input_name, input_sha256, encoding,
                        input_bom, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", batchId, Date.valueOf(runDate),
                    BatchSource.CSV.name(), input.toAbsolutePath().toString(), sha256,
                    InputEncoding.canonicalName(charset), header.bom() ? "Y" : "N",
                    Timestamp.valueOf(LocalDateTime.now(clock)));
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

}
