package com.example.cards.jobs.preview;

import java.nio.file.Path;
import java.time.Clock;

import com.example.cards.IssuanceProperties;
import com.example.cards.crypto.FieldCipher;
import com.example.cards.crypto.KeyedHash;
import com.example.cards.export.ExportStepConfiguration;
import com.example.cards.issue.IssuanceOutcome;
import com.example.cards.issue.IssuanceRules;
import com.example.cards.issue.PendingRequest;
import com.example.cards.issue.PendingRequestReader;
import com.example.cards.jobs.GracefulStop;
import com.example.cards.jobs.MetricsPush;
import com.example.cards.jobs.ProgressReporter;
import com.example.cards.jobs.issue.IssueJobParameters;
import com.example.cards.reference.ProductCatalog;
import com.example.cards.request.CorrelationIds;
import com.example.cards.request.RequestOutcomes;
import com.example.cards.request.RequestValidator;
import com.example.cards.run.JobNames;
import com.example.cards.run.PartitionProgress;
import com.example.cards.run.RunParameters;
import com.example.cards.stage.RequestFileReader;
import com.example.cards.stage.SourceRecord;
import com.example.cards.stage.StageStepConfiguration;
import com.example.cards.stage.StagedRequest;
import com.example.cards.stage.StagedRequestWriter;
import com.example.cards.stage.StagingProcessor;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code previewCardsJob} ({@code jobs/issue-cards.sh --dry-run}): the whole file through
 * the format rules (the stage step's reader and processor) and every issuance rule
 * against the reference data (the same {@link IssuanceRules}), without issuing, then the
 * export step, which writes the preview's rejections and summary. Rows are staged under
 * {@code <batchId>~preview}, never under the batch id itself, and deleted by the export,
 * so a later real run of the batch neither sees them nor finds its batch id taken. Each
 * preview is a job instance of its own ({@code previewRun}, set at launch), so previews
 * never block or complete the real run.
 */
@Configuration(proxyBeanMethods = false)
class PreviewCardsJobConfiguration {

    static final String REGISTER_PREVIEW_STEP = "registerPreviewStep";

    static final String STAGE_PREVIEW_STEP = "stagePreviewStep";

    static final String PREVIEW_DECISIONS_STEP = "previewDecisionsStep";

    private static final String PREVIEW_STAGED_REQUEST_WRITER = "previewStagedRequestWriter";

    private static final String PREVIEW_REQUEST_READER = "previewRequestReader";

    private static final String STAGE_PREVIEW_PROGRESS = "stagePreviewProgress";

    private static final String PREVIEW_DECISIONS_PROGRESS = "previewDecisionsProgress";

    private static final String BATCH_ID = "#{jobParameters['" + RunParameters.BATCH_ID + "']}";

    @Bean(JobNames.PREVIEW_CARDS)
    Job previewCardsJob(JobRepository jobRepository, @Qualifier(REGISTER_PREVIEW_STEP) Step registerPreview,
            @Qualifier(STAGE_PREVIEW_STEP) Step stagePreview, @Qualifier(PREVIEW_DECISIONS_STEP) Step previewDecisions,
            @Qualifier(ExportStepConfiguration.EXPORT_PREVIEW_STEP) Step exportPreview, GracefulStop gracefulStop,
            ProgressReporter progressReporter, MetricsPush metricsPush) {
        return new JobBuilder(JobNames.PREVIEW_CARDS, jobRepository).validator(new IssueJobParameters())
            .listener(gracefulStop)
            .listener(progressReporter)
            .listener(metricsPush)
            .start(registerPreview)
            .next(stagePreview)
            .next(previewDecisions)
            .next(exportPreview)
            .build();
    }

    @Bean(REGISTER_PREVIEW_STEP)
    Step registerPreviewStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            JdbcTemplate jdbc) {
        return new StepBuilder("registerPreview", jobRepository)
            .tasklet(new PreviewRegistrationTasklet(jdbc), transactionManager)
            .build();
    }

    /** On one thread: a preview reads the file once, from its first record. */
    @Bean(STAGE_PREVIEW_STEP)
    Step stagePreviewStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            @Qualifier(StageStepConfiguration.REQUEST_FILE_READER) RequestFileReader reader,
            StagingProcessor stagingProcessor, @Qualifier(PREVIEW_STAGED_REQUEST_WRITER) StagedRequestWriter writer,
            IssuanceProperties properties, @Qualifier(STAGE_PREVIEW_PROGRESS) PartitionProgress progress) {
        return new StepBuilder("stagePreview", jobRepository).listener(progress)
            .<SourceRecord, StagedRequest>chunk(properties.chunkSize())
            .transactionManager(transactionManager)
            .reader(reader)
            .processor(stagingProcessor)
            .writer(writer)
            .build();
    }

    /** The preview's staging: the file's lines after its header. */
    @Bean(STAGE_PREVIEW_PROGRESS)
    PartitionProgress stagePreviewProgress() {
        return PartitionProgress.ofStep("stagePreview", step -> StageStepConfiguration
            .dataLines(Path.of(step.getJobExecution().getJobParameters().getString(RunParameters.INPUT_FILE))));
    }

    /** The preview's decisions: the rows it staged that are PENDING. */
    @Bean(PREVIEW_DECISIONS_PROGRESS)
    PartitionProgress previewDecisionsProgress(JdbcTemplate jdbc) {
        return PartitionProgress.ofStep("previewDecisions", step -> {
            Long pending = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM issuance_request r WHERE r.batch_id = ? AND " + RequestOutcomes.pending("r"),
                    Long.class, RunParameters
                        .previewBatchId(step.getJobExecution().getJobParameters().getString(RunParameters.BATCH_ID)));
            return pending == null ? 0 : pending;
        });
    }

    @Bean(PREVIEW_STAGED_REQUEST_WRITER)
    @StepScope
    StagedRequestWriter previewStagedRequestWriter(JdbcTemplate jdbc, @Value(BATCH_ID) String batchId, Clock clock) {
        return new StagedRequestWriter(jdbc, RunParameters.previewBatchId(batchId), clock);
    }

    @Bean(PREVIEW_DECISIONS_STEP)
    Step previewDecisionsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            @Qualifier(PREVIEW_REQUEST_READER) PendingRequestReader reader, PreviewProcessor previewProcessor,
            JdbcTemplate jdbc, Clock clock, IssuanceProperties properties,
            @Qualifier(PREVIEW_DECISIONS_PROGRESS) PartitionProgress progress) {
        return new StepBuilder("previewDecisions", jobRepository).listener(progress)
            .<PendingRequest, IssuanceOutcome>chunk(properties.chunkSize())
            .transactionManager(transactionManager)
            .reader(reader)
            .processor(previewProcessor)
            .writer(new PreviewOutcomeWriter(jdbc, clock))
            .build();
    }

    @Bean(PREVIEW_REQUEST_READER)
    @StepScope
    PendingRequestReader previewRequestReader(JdbcTemplate jdbc, @Value(BATCH_ID) String batchId,
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

}
