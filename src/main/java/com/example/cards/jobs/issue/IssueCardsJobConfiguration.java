package com.example.cards.jobs.issue;

import com.example.cards.run.JobNames;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;

import javax.sql.DataSource;

import com.example.cards.IssuanceProperties;
import com.example.cards.crypto.FieldCipher;
import com.example.cards.crypto.KeyRing;
import com.example.cards.crypto.KeyedHash;
import com.example.cards.db.TableStatistics;
import com.example.cards.export.DeliveryManifestWriter;
import com.example.cards.export.ExportTasklet;
import com.example.cards.export.RejectionFileWriter;
import com.example.cards.export.ResultFileWriter;
import com.example.cards.export.RunSummaryWriter;
import com.example.cards.issue.CardApplyNumbers;
import com.example.cards.issue.CardNumberAllocator;
import com.example.cards.issue.IssuanceOutcome;
import com.example.cards.issue.IssuanceProcessor;
import com.example.cards.issue.IssuanceWriter;
import com.example.cards.issue.PendingRequest;
import com.example.cards.issue.PendingRequestReader;
import com.example.cards.issue.RequestRangePartitioner;
import com.example.cards.issue.SavepointItemWriter;
import com.example.cards.issue.TransientFaults;
import com.example.cards.issue.WalletProvisioning;
import com.example.cards.jobs.GracefulStop;
import com.example.cards.RecoveryProperties;
import com.example.cards.reference.ProductCatalog;
import com.example.cards.request.CorrelationIds;
import com.example.cards.request.InputEncoding;
import com.example.cards.request.RequestValidator;
import com.example.cards.stage.RequestFilePartitioner;
import com.example.cards.stage.RequestFileReader;
import com.example.cards.stage.SourceRecord;
import com.example.cards.stage.StagedRequest;
import com.example.cards.stage.StagedRequestWriter;
import com.example.cards.stage.StagingProcessor;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.skip.NeverSkipItemSkipPolicy;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code issueCardsJob}: register the batch, stage the CSV into the request table, issue
 * (partitioned by request-id ranges), export. One DataSource and one transaction manager
 * serve the job repository and the business tables, so a chunk's cards and its checkpoint
 * commit together.
 */
@Configuration(proxyBeanMethods = false)
class IssueCardsJobConfiguration {

    @Bean
    Job issueCardsJob(JobRepository jobRepository, Step registerBatchStep, Step stageRequestsStep, Step issueCardsStep,
            Step exportOutputsStep, GracefulStop gracefulStop) {
        return new JobBuilder(JobNames.ISSUE_CARDS, jobRepository).validator(new IssueJobParameters())
            .listener(gracefulStop)
            .start(registerBatchStep)
            .next(stageRequestsStep)
            .next(issueCardsStep)
            .next(exportOutputsStep)
            .build();
    }

    @Bean
    Step registerBatchStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            JdbcTemplate jdbc, Clock clock) {
        return new StepBuilder("registerBatch", jobRepository)
            .tasklet(new BatchRegistrationTasklet(jdbc, clock), transactionManager)
            .build();
    }

    /**
     * Partitioned by byte ranges of the file ({@code issuance.staging-partitions}): each
     * partition parses, validates, encrypts and writes its own records in its own
     * transactions, so the database takes rows on several connections while the JVM
     * prepares the next chunks.
     */
    @Bean
    Step stageRequestsStep(JobRepository jobRepository, Step stageRequestsWorkerStep,
            RequestFilePartitioner requestFilePartitioner, IssuanceProperties properties) {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("stage-");
        executor.setConcurrencyLimit(properties.stagingPartitions());
        return new StepBuilder("stageRequests", jobRepository)
            .partitioner("stageRequestsWorker", requestFilePartitioner)
            .step(stageRequestsWorkerStep)
            .gridSize(properties.stagingPartitions())
            .taskExecutor(executor)
            .build();
    }

    @Bean
    Step stageRequestsWorkerStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            ItemStreamReader<SourceRecord> requestFileReader, StagingProcessor stagingProcessor,
            StagedRequestWriter stagedRequestWriter, IssuanceProperties properties) {
        return new StepBuilder("stageRequestsWorker", jobRepository)
            .<SourceRecord, StagedRequest>chunk(properties.chunkSize())
            .transactionManager(transactionManager)
            .reader(requestFileReader)
            .processor(stagingProcessor)
            .writer(stagedRequestWriter)
            .build();
    }

    @Bean
    @StepScope
    RequestFilePartitioner requestFilePartitioner(@Value("#{jobParameters['inputFile']}") String inputFile,
            @Value("#{jobParameters['encoding']}") String encoding) {
        return new RequestFilePartitioner(Path.of(inputFile), InputEncoding.resolve(encoding));
    }

    @Bean
    @StepScope
    RequestFileReader requestFileReader(@Value("#{jobParameters['inputFile']}") String inputFile,
            @Value("#{jobParameters['encoding']}") String encoding) {
        return new RequestFileReader(Path.of(inputFile), InputEncoding.resolve(encoding));
    }

    @Bean
    StagingProcessor stagingProcessor(RequestValidator validator, FieldCipher cipher, CorrelationIds correlationIds) {
        return new StagingProcessor(validator, cipher, correlationIds);
    }

    @Bean
    @StepScope
    StagedRequestWriter stagedRequestWriter(JdbcTemplate jdbc, @Value("#{jobParameters['batchId']}") String batchId,
            Clock clock) {
        return new StagedRequestWriter(jdbc, batchId, clock);
    }

    @Bean
    Step issueCardsStep(JobRepository jobRepository, Step issueCardsWorkerStep,
            RequestRangePartitioner requestRangePartitioner, IssuanceProperties properties, JdbcTemplate jdbc) {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("issue-");
        executor.setConcurrencyLimit(properties.gridSize());
        return new StepBuilder("issueCards", jobRepository).listener(new TableStatistics(jdbc))
            .partitioner("issueCardsWorker", requestRangePartitioner)
            .step(issueCardsWorkerStep)
            .gridSize(properties.gridSize())
            .taskExecutor(executor)
            .build();
    }

    @Bean
    @StepScope
    RequestRangePartitioner requestRangePartitioner(JdbcTemplate jdbc,
            @Value("#{jobParameters['batchId']}") String batchId,
            @Value("#{jobExecutionContext['claimRunDate']}") String claimRunDate) {
        return new RequestRangePartitioner(jdbc, batchId, claimRunDate == null ? null : LocalDate.parse(claimRunDate));
    }

    /**
     * Fault tolerant for transient database faults only: a read, process or write that
     * meets one is retried with exponential back-off ({@code issuance.recovery.*});
     * nothing is ever skipped, so a fault that persists fails the step and leaves the run
     * restartable. Each write attempt runs in a savepoint, so a retry starts clean.
     */
    @Bean
    Step issueCardsWorkerStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            ItemReader<PendingRequest> pendingRequestReader, IssuanceProcessor issuanceProcessor,
            IssuanceWriter issuanceWriter, IssuanceProperties properties, RecoveryProperties recovery) {
        return new StepBuilder("issueCardsWorker", jobRepository)
            .<PendingRequest, IssuanceOutcome>chunk(properties.chunkSize())
            .transactionManager(transactionManager)
            .reader(pendingRequestReader)
            .processor(issuanceProcessor)
            .writer(new SavepointItemWriter<>(issuanceWriter, transactionManager))
            .faultTolerant()
            .retryPolicy(TransientFaults.retryPolicy(recovery))
            .skipPolicy(new NeverSkipItemSkipPolicy())
            .build();
    }

    @Bean
    @StepScope
    PendingRequestReader pendingRequestReader(JdbcTemplate jdbc, @Value("#{jobParameters['batchId']}") String batchId,
            @Value("#{stepExecutionContext['minLine']}") Long minLine,
            @Value("#{stepExecutionContext['maxLine']}") Long maxLine,
            @Value("#{jobExecutionContext['claimRunDate']}") String claimRunDate, IssuanceProperties properties) {
        return new PendingRequestReader(jdbc, batchId, minLine, maxLine, properties.chunkSize(),
                claimRunDate == null ? null : LocalDate.parse(claimRunDate));
    }

    @Bean
    @StepScope
    IssuanceProcessor issuanceProcessor(@Value("#{jobParameters['batchId']}") String batchId,
            @Value("#{jobParameters['runDate']}") LocalDate runDate, RequestValidator validator, JdbcTemplate jdbc,
            FieldCipher cipher, KeyedHash keyedHash, KeyRing keys, CardNumberAllocator cardNumbers,
            CardApplyNumbers applyNumbers, CorrelationIds correlationIds, WalletProvisioning wallet) {
        return new IssuanceProcessor(batchId, runDate, validator, ProductCatalog.load(jdbc), cipher, keyedHash, keys,
                cardNumbers, applyNumbers, correlationIds, wallet);
    }

    @Bean
    IssuanceWriter issuanceWriter(JdbcTemplate jdbc, Clock clock) {
        return new IssuanceWriter(jdbc, clock);
    }

    @Bean
    Step exportOutputsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            ExportTasklet exportTasklet) {
        return new StepBuilder("exportOutputs", jobRepository).tasklet(exportTasklet, transactionManager).build();
    }

    @Bean
    ExportTasklet exportTasklet(DataSource dataSource, FieldCipher cipher, IssuanceProperties properties, Clock clock,
            PlatformTransactionManager transactionManager) {
        // A cursor that streams: PostgreSQL only honours the fetch size inside a
        // transaction, which the step gives
        // (and each file written on a thread of its own gets, see ExportTasklet).
        JdbcTemplate streaming = new JdbcTemplate(dataSource);
        streaming.setFetchSize(1000);
        return new ExportTasklet(new ResultFileWriter(streaming), new RejectionFileWriter(streaming, cipher),
                new DeliveryManifestWriter(streaming), new RunSummaryWriter(streaming), properties.outputDir(), clock,
                transactionManager);
    }

}
