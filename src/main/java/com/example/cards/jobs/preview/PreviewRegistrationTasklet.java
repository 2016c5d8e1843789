package com.example.cards.jobs.preview;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;

import com.example.cards.crypto.FileDigest;
import com.example.cards.request.RequestOutcomes;
import com.example.cards.run.RunContext;
import com.example.cards.run.RunParameters;
import com.example.cards.stage.CsvHeader;
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
 * A preview's first step: the same header checks as a real run (a missing required column
 * stops it, exit 2), the file's SHA-256, and how a real run of this batch id would
 * receive the file. It registers nothing: the batch id stays free for the real run. Rows
 * a failed earlier preview of the batch left behind are cleared.
 */
public class PreviewRegistrationTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(PreviewRegistrationTasklet.class);

    private final JdbcTemplate jdbc;

    public PreviewRegistrationTasklet(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        JobParameters parameters = chunkContext.getStepContext().getStepExecution().getJobParameters();
        String batchId = parameters.getString(RunParameters.BATCH_ID);
        Path input = Path.of(parameters.getString(RunParameters.INPUT_FILE));
        Charset charset = RunParameters.charset(parameters);

        CsvHeader header = RequestFileReader.inspectHeader(input, charset);
        String sha256 = FileDigest.sha256(input);
        List<String> known = jdbc.queryForList("SELECT input_sha256 FROM issuance_batch WHERE batch_id = ?",
                String.class, batchId);
        String submission = known.isEmpty() ? "NEW: no batch has this id yet"
                : sha256.equals(known.get(0) == null ? null : known.get(0).trim())
                        ? "ALREADY_SUBMITTED: this file was already submitted under this batch id; a real run returns "
                                + "its earlier results"
                        : "REFUSED: this batch id was used for another file; a real run of this file under it is "
                                + "refused, use a new batch id";
        jdbc.update(RequestOutcomes.DELETE_OF_BATCH, RunParameters.previewBatchId(batchId));
        int cleared = jdbc.update("DELETE FROM issuance_request WHERE batch_id = ?",
                RunParameters.previewBatchId(batchId));
        ExecutionContext jobContext = chunkContext.getStepContext()
            .getStepExecution()
            .getJobExecution()
            .getExecutionContext();
        jobContext.putString(RunContext.INPUT_SHA256, sha256);
        jobContext.putString(RunContext.INPUT_BOM, header.bom() ? "Y" : "N");
        jobContext.putString(RunContext.SUBMISSION, submission);
        log.info("Preview of batch {}: {} (SHA-256 {}){}", batchId, input.getFileName(), sha256,
                cleared > 0 ? "; cleared " + cleared + " rows of an earlier preview" : "");
        return RepeatStatus.FINISHED;
    }

}
