package com.example.cards.jobs.issue;

import java.time.Clock;

import com.example.cards.export.ExportStepConfiguration;
import com.example.cards.issue.IssueStepConfiguration;
import com.example.cards.jobs.GracefulStop;
import com.example.cards.jobs.MetricsPush;
import com.example.cards.jobs.ProgressReporter;
import com.example.cards.jobs.Resubmission;
import com.example.cards.run.JobNames;
import com.example.cards.stage.StageStepConfiguration;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code issueCardsJob}: register the batch, stage the CSV into the request table, issue
 * (partitioned by line-number ranges), export. One DataSource and one transaction manager
 * serve the job repository and the business tables, so a chunk's cards and its checkpoint
 * commit together.
 */
@Configuration(proxyBeanMethods = false)
class IssueCardsJobConfiguration {

    static final String REGISTER_BATCH_STEP = "registerBatchStep";

    @Bean(JobNames.ISSUE_CARDS)
    Job issueCardsJob(JobRepository jobRepository, @Qualifier(REGISTER_BATCH_STEP) Step registerBatch,
            @Qualifier(StageStepConfiguration.STAGE_REQUESTS_STEP) Step stageRequests,
            @Qualifier(IssueStepConfiguration.ISSUE_CARDS_STEP) Step issueCards,
            @Qualifier(IssueStepConfiguration.HAND_OFF_WALLETS_STEP) Step handOffWallets,
            @Qualifier(ExportStepConfiguration.EXPORT_OUTPUTS_STEP) Step exportOutputs, GracefulStop gracefulStop,
            ProgressReporter progressReporter, MetricsPush metricsPush) {
        return new JobBuilder(JobNames.ISSUE_CARDS, jobRepository).validator(new IssueJobParameters())
            .listener(gracefulStop)
            .listener(progressReporter)
            .listener(metricsPush)
            .start(registerBatch)
            .next(stageRequests)
            .next(issueCards)
            .next(handOffWallets)
            .next(exportOutputs)
            .build();
    }

    @Bean(REGISTER_BATCH_STEP)
    Step registerBatchStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            JdbcTemplate jdbc, Resubmission resubmission, Clock clock) {
        return new StepBuilder("registerBatch", jobRepository)
            .tasklet(new BatchRegistrationTasklet(jdbc, resubmission, clock), transactionManager)
            .build();
    }

}
