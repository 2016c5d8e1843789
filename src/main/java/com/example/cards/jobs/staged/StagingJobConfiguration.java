package com.example.cards.jobs.staged;

import com.example.cards.run.JobNames;
import java.time.Clock;

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
 * {@code issueStagedJob}: the nightly source. Upstream systems have written PENDING rows
 * into the request table; this job claims the rows of one batch, then runs the very same
 * issue and export steps as the CSV job ({@code issueCardsStep},
 * {@code exportOutputsStep}), which read the claim from the job execution context.
 */
@Configuration(proxyBeanMethods = false)
class StagingJobConfiguration {

    @Bean
    Job issueStagedJob(JobRepository jobRepository, Step claimStagedRequestsStep, Step issueCardsStep,
            Step exportOutputsStep) {
        return new JobBuilder(JobNames.ISSUE_STAGED, jobRepository).validator(new StagedJobParameters())
            .start(claimStagedRequestsStep)
            .next(issueCardsStep)
            .next(exportOutputsStep)
            .build();
    }

    @Bean
    Step claimStagedRequestsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            JdbcTemplate jdbc, Clock clock) {
        return new StepBuilder("claimStagedRequests", jobRepository)
            .tasklet(new StagedBatchClaimTasklet(jdbc, clock), transactionManager)
            .build();
    }

}
