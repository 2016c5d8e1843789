package com.example.cards.export;

import java.time.Clock;

import javax.sql.DataSource;

import com.example.cards.IssuanceProperties;
import com.example.cards.crypto.FieldCipher;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The export step ({@link ExportTasklet}), which covers what its job covers
 * ({@link ExportScope}). Every job runs the same step; each keeps the step name its job
 * repository has always recorded for it, since a restart finds a step by its name. Job
 * assemblies use it by {@link #EXPORT_OUTPUTS_STEP} (a CSV batch, a staging claim),
 * {@link #EXPORT_RERUN_STEP} and {@link #EXPORT_PREVIEW_STEP}.
 */
@Configuration(proxyBeanMethods = false)
public class ExportStepConfiguration {

    /** The export of a CSV batch or a staging claim: step {@code exportOutputs}. */
    public static final String EXPORT_OUTPUTS_STEP = "exportOutputsStep";

    /** The export of a rerun's delta outputs: step {@code exportRerunOutputs}. */
    public static final String EXPORT_RERUN_STEP = "exportRerunStep";

    /** The export of a preview: step {@code exportPreview}. */
    public static final String EXPORT_PREVIEW_STEP = "exportPreviewStep";

    @Bean(EXPORT_OUTPUTS_STEP)
    Step exportOutputsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            ExportTasklet exportTasklet, ExportProgress progress) {
        return exportStep("exportOutputs", jobRepository, transactionManager, exportTasklet, progress);
    }

    @Bean(EXPORT_RERUN_STEP)
    Step exportRerunStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            ExportTasklet exportTasklet, ExportProgress progress) {
        return exportStep("exportRerunOutputs", jobRepository, transactionManager, exportTasklet, progress);
    }

    @Bean(EXPORT_PREVIEW_STEP)
    Step exportPreviewStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            ExportTasklet exportTasklet, ExportProgress progress) {
        return exportStep("exportPreview", jobRepository, transactionManager, exportTasklet, progress);
    }

    private static Step exportStep(String name, JobRepository jobRepository,
            PlatformTransactionManager transactionManager, ExportTasklet exportTasklet, ExportProgress progress) {
        return new StepBuilder(name, jobRepository).listener(progress)
            .tasklet(exportTasklet, transactionManager)
            .build();
    }

    @Bean
    ExportProgress exportProgress(JdbcTemplate jdbc) {
        return new ExportProgress(jdbc);
    }

    @Bean
    RecipientKeys recipientKeys(Environment environment) {
        return new RecipientKeys(environment);
    }

    @Bean
    ExportTasklet exportTasklet(DataSource dataSource, JdbcTemplate jdbc, FieldCipher cipher,
            IssuanceProperties properties, OutputFilesProperties files, Clock clock,
            PlatformTransactionManager transactionManager, RecipientKeys recipientKeys, CvcSource cvcSource) {
        // A cursor that streams: PostgreSQL only honours the fetch size inside a
        // transaction, which each file's thread gets (see ExportTasklet).
        JdbcTemplate streaming = new JdbcTemplate(dataSource);
        streaming.setFetchSize(1000);
        boolean groupReadable = files.groupReadable();
        return new ExportTasklet(jdbc, new ResultFileWriter(streaming, groupReadable),
                new RejectionFileWriter(streaming, cipher, groupReadable),
                new DeliveryManifestWriter(streaming, groupReadable), new RunSummaryWriter(streaming, groupReadable),
                new CardDataFileWriter(streaming, cipher, cvcSource, groupReadable), recipientKeys,
                properties.outputDir(), clock, transactionManager);
    }

}
