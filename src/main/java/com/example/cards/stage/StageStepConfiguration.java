package com.example.cards.stage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import com.example.cards.IssuanceProperties;
import com.example.cards.crypto.FieldCipher;
import com.example.cards.request.CorrelationIds;
import com.example.cards.request.InputEncoding;
import com.example.cards.request.RequestValidator;
import com.example.cards.run.IssuanceCounters;
import com.example.cards.run.PartitionProgress;
import com.example.cards.run.RunParameters;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The stage step: the request file into the request table, partitioned by byte ranges of
 * the file ({@code issuance.staging-partitions}). Each partition parses, validates,
 * encrypts and writes its own records in its own transactions, so the database takes rows
 * on several connections while the JVM prepares the next chunks. Job assemblies use it by
 * {@link #STAGE_REQUESTS_STEP}.
 */
@Configuration(proxyBeanMethods = false)
public class StageStepConfiguration {

    /** The bean name of the stage step. */
    public static final String STAGE_REQUESTS_STEP = "stageRequestsStep";

    /**
     * The bean name of the file reader, which a preview's single-threaded staging reads
     * with too.
     */
    public static final String REQUEST_FILE_READER = "requestFileReader";

    /** The step's name in the job repository: restarts find their partitions by it. */
    static final String STAGE_REQUESTS = "stageRequests";

    static final String STAGE_REQUESTS_WORKER = "stageRequestsWorker";

    private static final String STAGE_REQUESTS_WORKER_STEP = "stageRequestsWorkerStep";

    private static final String STAGED_REQUEST_WRITER = "stagedRequestWriter";

    private static final String STAGE_PROGRESS = "stageProgress";

    @Bean(STAGE_REQUESTS_STEP)
    Step stageRequestsStep(JobRepository jobRepository, @Qualifier(STAGE_REQUESTS_WORKER_STEP) Step worker,
            RequestFilePartitioner requestFilePartitioner, IssuanceProperties properties,
            @Qualifier(STAGE_PROGRESS) PartitionProgress progress) {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("stage-");
        executor.setConcurrencyLimit(properties.stagingPartitions());
        return new StepBuilder(STAGE_REQUESTS, jobRepository).listener(progress)
            .partitioner(STAGE_REQUESTS_WORKER, requestFilePartitioner)
            .step(worker)
            .gridSize(properties.stagingPartitions())
            .taskExecutor(executor)
            .build();
    }

    /**
     * The stage step's progress: the total is the file's lines after its header, less the
     * rows a previous execution already staged for the batch (a record whose quoted field
     * spans lines counts as its lines).
     */
    @Bean(STAGE_PROGRESS)
    PartitionProgress stageProgress(JdbcTemplate jdbc) {
        return new PartitionProgress(STAGE_REQUESTS, STAGE_REQUESTS_WORKER, step -> {
            JobParameters parameters = step.getJobExecution().getJobParameters();
            Long staged = jdbc.queryForObject("SELECT COUNT(*) FROM issuance_request WHERE batch_id = ?", Long.class,
                    parameters.getString(RunParameters.BATCH_ID));
            return Math.max(0,
                    dataLines(Path.of(parameters.getString(RunParameters.INPUT_FILE))) - (staged == null ? 0 : staged));
        });
    }

    /**
     * The lines of a CSV file after its header row: the total of a step that stages it (a
     * record whose quoted field spans lines counts as its lines).
     */
    public static long dataLines(Path file) {
        long lines = 0;
        int last = '\n';
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                if (n > 0) {
                    last = buffer[n - 1];
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (last != '\n') {
            lines++;
        }
        return Math.max(0, lines - 1);
    }

    @Bean(STAGE_REQUESTS_WORKER_STEP)
    Step stageRequestsWorkerStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            @Qualifier(REQUEST_FILE_READER) RequestFileReader reader, StagingProcessor stagingProcessor,
            @Qualifier(STAGED_REQUEST_WRITER) StagedRequestWriter writer, IssuanceProperties properties) {
        return new StepBuilder(STAGE_REQUESTS_WORKER, jobRepository)
            .<SourceRecord, StagedRequest>chunk(properties.chunkSize())
            .transactionManager(transactionManager)
            .reader(reader)
            .processor(stagingProcessor)
            .writer(writer)
            .build();
    }

    @Bean
    @StepScope
    RequestFilePartitioner requestFilePartitioner(
            @Value("#{jobParameters['" + RunParameters.INPUT_FILE + "']}") String inputFile,
            @Value("#{jobParameters['" + RunParameters.ENCODING + "']}") String encoding) {
        return new RequestFilePartitioner(Path.of(inputFile), InputEncoding.resolve(encoding));
    }

    /**
     * Step scoped: a reader of its own for each partition (and for a preview's staging).
     */
    @Bean(REQUEST_FILE_READER)
    @StepScope
    RequestFileReader requestFileReader(@Value("#{jobParameters['" + RunParameters.INPUT_FILE + "']}") String inputFile,
            @Value("#{jobParameters['" + RunParameters.ENCODING + "']}") String encoding) {
        return new RequestFileReader(Path.of(inputFile), InputEncoding.resolve(encoding));
    }

    @Bean
    StagingProcessor stagingProcessor(RequestValidator validator, FieldCipher cipher, CorrelationIds correlationIds) {
        return new StagingProcessor(validator, cipher, correlationIds);
    }

    @Bean(STAGED_REQUEST_WRITER)
    @StepScope
    StagedRequestWriter stagedRequestWriter(JdbcTemplate jdbc,
            @Value("#{jobParameters['" + RunParameters.BATCH_ID + "']}") String batchId, Clock clock,
            IssuanceCounters counters) {
        return new StagedRequestWriter(jdbc, batchId, clock, counters);
    }

}
