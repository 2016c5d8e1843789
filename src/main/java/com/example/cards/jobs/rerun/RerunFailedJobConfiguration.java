package com.example.cards.jobs.rerun;

import com.example.cards.run.JobNames;
import java.time.Clock;

import javax.sql.DataSource;

import com.example.cards.IssuanceProperties;
import com.example.cards.crypto.FieldCipher;
import com.example.cards.export.DeliveryManifestWriter;
import com.example.cards.export.RejectionFileWriter;
import com.example.cards.export.RerunExportTasklet;
import com.example.cards.export.ResultFileWriter;
import com.example.cards.export.RunSummaryWriter;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code rerunFailedJob}: select a completed batch's rejections with the given codes, run
 * them through the very same partitioned issue step as the batch ({@code issueCards}:
 * same reader, processor and writer), and export delta outputs. Identified by (batchId,
 * rerun), so each rerun is a job instance of its own and a failed one resumes.
 */
@Configuration(proxyBeanMethods = false)
class RerunFailedJobConfiguration {

    @Bean
    Job rerunFailedJob(JobRepository jobRepository, Step selectRerunStep, Step issueCardsStep, Step exportRerunStep) {
        return new JobBuilder(JobNames.RERUN_FAILED, jobRepository).validator(new RerunJobParameters())
            .start(selectRerunStep)
            .next(issueCardsStep)
            .next(exportRerunStep)
            .build();
    }

    @Bean
    Step selectRerunStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcTemplate jdbc,
            Clock clock) {
        return new StepBuilder("selectRerun", jobRepository)
            .tasklet(new RerunSelectionTasklet(jdbc, clock), transactionManager)
            .build();
    }

    @Bean
    Step exportRerunStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            DataSource dataSource, JdbcTemplate jdbc, FieldCipher cipher, IssuanceProperties properties, Clock clock) {
        JdbcTemplate streaming = new JdbcTemplate(dataSource);
        streaming.setFetchSize(1000);
        return new StepBuilder("exportRerunOutputs", jobRepository)
            .tasklet(new RerunExportTasklet(jdbc, new ResultFileWriter(streaming),
                    new RejectionFileWriter(streaming, cipher), new DeliveryManifestWriter(streaming),
                    new RunSummaryWriter(streaming), properties.outputDir(), clock), transactionManager)
            .build();
    }

}
