package com.example.cards.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.example.cards.export.OutputNames;
import com.example.cards.reference.ReferenceDataLoader;
import com.example.cards.run.RunParameters;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs the issuance job on small files written by a test, and reads back what it left
 * behind.
 */
public final class JobFixture {

    public static final String HEADER = "requestId,userId,userName,engName,socialNo,mobileNumber,existOcrFile,"
            + "bankCode,accountNo,serviceId,issueType,withCashIc,isDeliveryRequired,zipCode,address,addressDetail";

    public static final LocalDate RUN_DATE = LocalDate.of(2026, 11, 24);

    private final JobOperator jobOperator;

    private final Job job;

    private final JdbcTemplate jdbc;

    private final Path outputDir;

    public JobFixture(JobOperator jobOperator, Job job, JdbcTemplate jdbc, ReferenceDataLoader loader, Path outputDir) {
        this.jobOperator = jobOperator;
        this.job = job;
        this.jdbc = jdbc;
        this.outputDir = outputDir;
        loader.loadProducts(Path.of("sample-input/products.csv"));
        loader.loadMembers(Path.of("sample-input/members.csv"));
    }

    public static Path write(Path dir, String name, String content) {
        return write(dir, name, content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes {@code count} valid PHYSICAL requests of member 1001 with delivery, with ids
     * {@code idPrefix}1 to {@code idPrefix}count, to {@code dir/name} (the directory is
     * created): an input long enough for a run to be watched, stopped or raced.
     */
    public static Path requestsOfOneMember(Path dir, String name, String idPrefix, int count) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = 1; i <= count; i++) {
            csv.append(idPrefix)
                .append(i)
                .append(",1001,김민준,KIM MINJUN,900101-1234567,010-1234-5678,Y,088,")
                .append("110-123-456789,DEBIT0000000001,PHYSICAL,Y,Y,06236,서울특별시 강남구 테헤란로 123,10층\n");
        }
        return write(dir, name, csv.toString());
    }

    public static Path write(Path dir, String name, byte[] content) {
        try {
            Files.createDirectories(dir);
            return Files.write(dir.resolve(name), content);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static JobParameters parameters(String batchId, Path input, String encoding, Path outputDir) {
        return new JobParametersBuilder().addString(RunParameters.BATCH_ID, batchId)
            .addLocalDate(RunParameters.RUN_DATE, RUN_DATE)
            .addString(RunParameters.INPUT_FILE, input.toString(), false)
            .addString(RunParameters.ENCODING, encoding, false)
            .addString(RunParameters.OUTPUT_DIR, outputDir.toString(), false)
            .toJobParameters();
    }

    public JobExecution run(String batchId, Path input) throws Exception {
        return run(batchId, input, "UTF-8");
    }

    public JobExecution run(String batchId, Path input, String encoding) throws Exception {
        return jobOperator.start(job, parameters(batchId, input, encoding, outputDir));
    }

    public OutputNames outputs(String batchId) {
        return new OutputNames(outputDir, batchId);
    }

    public List<String> lines(Path file) {
        return lines(file, StandardCharsets.UTF_8);
    }

    public List<String> lines(Path file, Charset charset) {
        try {
            return Files.readAllLines(file, charset);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The request rows with their outcomes, as a table to select from in a test's SQL:
     * {@code status} is the outcome's ({@code PENDING} without one), beside
     * {@code result_code}, {@code result_message}, {@code correlation_id} and the
     * request's own columns the tests ask for. Give it an alias.
     */
    public static final String REQUESTS = "(SELECT r.id, r.batch_id, r.line_no, r.request_id, r.claim_run_date, "
            + "r.rerun_no, COALESCE(o.status, 'PENDING') AS status, o.result_code, o.result_message, "
            + "o.correlation_id, o.processed_at FROM issuance_request r "
            + "LEFT JOIN request_outcome o ON o.request_pk = r.id)";

    /**
     * The result row of every request of a batch, in line order: line, status, code and
     * message.
     */
    public List<Map<String, Object>> requests(String batchId) {
        return jdbc.queryForList("""
                SELECT r.line_no, r.request_id, COALESCE(o.status, 'PENDING') AS status, o.result_code,
                       o.result_message, o.correlation_id
                  FROM issuance_request r LEFT JOIN request_outcome o ON o.request_pk = r.id
                 WHERE r.batch_id = ? ORDER BY r.line_no""", batchId);
    }

    public int count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Integer.class, args);
    }

}
