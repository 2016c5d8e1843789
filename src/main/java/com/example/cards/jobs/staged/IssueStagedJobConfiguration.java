package com.example.cards.jobs.staged;

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
 * {@code issueStagedJob}: the nightly source. Upstream systems have written PENDING rows
 * into the request table; this job claims the rows of one batch, then runs the very same
 * issue and export steps as the CSV job, which read the claim from the job execution
 * context.
 */
@Configuration(proxyBeanMethods = false)
class IssueStagedJobConfiguration {

    static final String CLAIM_STAGED_REQUESTS_STEP = "claimStagedRequestsStep";

    @Bean(JobNames.ISSUE_STAGED)
    Job issueStagedJob(JobRepository jobRepository, @Qualifier(CLAIM_STAGED_REQUESTS_STEP) Step claimStagedRequests,
            @Qualifier(IssueStepConfiguration.ISSUE_CARDS_STEP) Step issueCards,
            @Qualifier(IssueStepConfiguration.HAND_OFF_WALLETS_STEP) Step handOffWallets,
            @Qualifier(ExportStepConfiguration.EXPORT_OUTPUTS_STEP) Step exportOutputs, GracefulStop gracefulStop,
            ProgressReporter progressReporter, MetricsPush metricsPush) {
        return new JobBuilder(JobNames.ISSUE_STAGED, jobRepository).validator(new StagedJobParameters())
            .listener(gracefulStop)
            .listener(progressReporter)
            .listener(metricsPush)
            .start(claimStagedRequests)
            .next(issueCards)
            .next(handOffWallets)
            .next(exportOutputs)
            .build();
    }

    @Bean(CLAIM_STAGED_REQUESTS_STEP)
    Step claimStagedRequestsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            JdbcTemplate jdbc, Clock clock) {
        return new StepBuilder("claimStagedRequests", jobRepository)
            .tasklet(new StagedBatchClaimTasklet(jdbc, clock), transactionManager)
            .build();
    }

}
