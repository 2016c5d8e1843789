package com.example.cards.jobs.rerun;

import java.time.Clock;

import com.example.cards.export.ExportStepConfiguration;
import com.example.cards.issue.IssueStepConfiguration;
import com.example.cards.jobs.GracefulStop;
import com.example.cards.jobs.MetricsPush;
import com.example.cards.jobs.ProgressReporter;
import com.example.cards.run.JobNames;

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
 * {@code rerunFailedJob}: select a completed batch's rejections with the given codes, run
 * them through the very same partitioned issue step as the batch (same reader, processor
 * and writer), and export delta outputs. Identified by (batchId, rerun), so each rerun is
 * a job instance of its own and a failed one resumes.
 */
@Configuration(proxyBeanMethods = false)
class RerunFailedJobConfiguration {

    static final String SELECT_RERUN_STEP = "selectRerunStep";

    @Bean(JobNames.RERUN_FAILED)
    Job rerunFailedJob(JobRepository jobRepository, @Qualifier(SELECT_RERUN_STEP) Step selectRerun,
            @Qualifier(IssueStepConfiguration.ISSUE_CARDS_STEP) Step issueCards,
            @Qualifier(IssueStepConfiguration.HAND_OFF_WALLETS_STEP) Step handOffWallets,
            @Qualifier(ExportStepConfiguration.EXPORT_RERUN_STEP) Step exportRerun, GracefulStop gracefulStop,
            ProgressReporter progressReporter, MetricsPush metricsPush) {
        return new JobBuilder(JobNames.RERUN_FAILED, jobRepository).validator(new RerunJobParameters())
            .listener(gracefulStop)
            .listener(progressReporter)
            .listener(metricsPush)
            .start(selectRerun)
            .next(issueCards)
            .next(handOffWallets)
            .next(exportRerun)
            .build();
    }

    @Bean(SELECT_RERUN_STEP)
    Step selectRerunStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcTemplate jdbc,
            Clock clock) {
        return new StepBuilder("selectRerun", jobRepository)
            .tasklet(new RerunSelectionTasklet(jdbc, clock), transactionManager)
            .build();
    }

}
