package com.example.cards.jobs.preview;

import com.example.cards.run.RunParameters;
import com.example.cards.run.JobNames;
import java.time.Clock;

import javax.sql.DataSource;

import com.example.cards.IssuanceProperties;
import com.example.cards.crypto.FieldCipher;
import com.example.cards.crypto.KeyedHash;
import com.example.cards.export.PreviewExportTasklet;
import com.example.cards.export.RejectionFileWriter;
import com.example.cards.export.RunSummaryWriter;
import com.example.cards.issue.IssuanceOutcome;
import com.example.cards.issue.IssuanceRules;
import com.example.cards.issue.PendingRequest;
import com.example.cards.issue.PendingRequestReader;
import com.example.cards.jobs.issue.IssueJobParameters;
import com.example.cards.reference.ProductCatalog;
import com.example.cards.request.CorrelationIds;
import com.example.cards.request.RequestValidator;
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
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code previewCardsJob} ({@code jobs/issue-cards.sh --dry-run}): the whole file through
 * the format rules (the same staging step) and every issuance rule against the reference
 * data (the same {@link IssuanceRules}), without issuing. Rows are staged under
 * {@code <batchId>~preview}, never under the batch id itself, and deleted by the export,
 * so a later real run of the batch neither sees them nor finds its batch id taken. Each
 * preview is a job instance of its own ({@code previewRun}, set at launch), so previews
 * never block or complete the real run.
 */
@Configuration(proxyBeanMethods = false)
class PreviewCardsJobConfiguration {

    @Bean
    Job previewCardsJob(JobRepository jobRepository, Step registerPreviewStep, Step stagePreviewStep,
            Step previewDecisionsStep, Step exportPreviewStep) {
        return new JobBuilder(JobNames.PREVIEW_CARDS, jobRepository).validator(new IssueJobParameters())
            .start(registerPreviewStep)
            .next(stagePreviewStep)
            .next(previewDecisionsStep)
            .next(exportPreviewStep)
            .build();
    }

    @Bean
    Step registerPreviewStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            JdbcTemplate jdbc) {
        return new StepBuilder("registerPreview", jobRepository)
            .tasklet(new PreviewRegistrationTasklet(jdbc), transactionManager)
            .build();
    }

    @Bean
    Step stagePreviewStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            ItemStreamReader<SourceRecord> requestFileReader, StagingProcessor stagingProcessor,
            StagedRequestWriter previewStagedRequestWriter, IssuanceProperties properties) {
        return new StepBuilder("stagePreview", jobRepository).<SourceRecord, StagedRequest>chunk(properties.chunkSize())
            .transactionManager(transactionManager)
            .reader(requestFileReader)
            .processor(stagingProcessor)
            .writer(previewStagedRequestWriter)
            .build();
    }

    @Bean
    @StepScope
    StagedRequestWriter previewStagedRequestWriter(JdbcTemplate jdbc,
            @Value("#{jobParameters['batchId']}") String batchId, Clock clock) {
        return new StagedRequestWriter(jdbc, RunParameters.previewBatchId(batchId), clock);
    }

    @Bean
    Step previewDecisionsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            ItemReader<PendingRequest> previewRequestReader, PreviewProcessor previewProcessor, JdbcTemplate jdbc,
            Clock clock, IssuanceProperties properties) {
        return new StepBuilder("previewDecisions", jobRepository)
            .<PendingRequest, IssuanceOutcome>chunk(properties.chunkSize())
            .transactionManager(transactionManager)
            .reader(previewRequestReader)
            .processor(previewProcessor)
            .writer(new PreviewOutcomeWriter(jdbc, clock))
            .build();
    }

    @Bean
    @StepScope
    PendingRequestReader previewRequestReader(JdbcTemplate jdbc, @Value("#{jobParameters['batchId']}") String batchId,
            IssuanceProperties properties) {
        return new PendingRequestReader(jdbc, RunParameters.previewBatchId(batchId), 1, Long.MAX_VALUE,
                properties.chunkSize());
    }

    @Bean
    @StepScope
    PreviewProcessor previewProcessor(RequestValidator validator, JdbcTemplate jdbc, FieldCipher cipher,
            KeyedHash keyedHash, CorrelationIds correlationIds) {
        return new PreviewProcessor(new IssuanceRules(validator, ProductCatalog.load(jdbc), cipher, keyedHash),
                correlationIds);
    }

    @Bean
    Step exportPreviewStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            DataSource dataSource, JdbcTemplate jdbc, FieldCipher cipher, IssuanceProperties properties, Clock clock) {
        JdbcTemplate streaming = new JdbcTemplate(dataSource);
        streaming.setFetchSize(1000);
        return new StepBuilder("exportPreview", jobRepository)
            .tasklet(new PreviewExportTasklet(jdbc, new RejectionFileWriter(streaming, cipher),
                    new RunSummaryWriter(streaming), properties.outputDir(), clock), transactionManager)
            .build();
    }

}
