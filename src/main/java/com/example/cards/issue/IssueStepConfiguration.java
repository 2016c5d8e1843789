package com.example.cards.issue;

import java.time.Clock;
import java.time.LocalDate;

import com.example.cards.IssuanceProperties;
import com.example.cards.RecoveryProperties;
import com.example.cards.crypto.FieldCipher;
import com.example.cards.crypto.KeyRing;
import com.example.cards.crypto.KeyedHash;
import com.example.cards.db.TableStatistics;
import com.example.cards.reference.ProductCatalog;
import com.example.cards.request.CorrelationIds;
import com.example.cards.request.RequestOutcomes;
import com.example.cards.request.RequestValidator;
import com.example.cards.run.IssuanceCounters;
import com.example.cards.run.PartitionProgress;
import com.example.cards.run.RunContext;
import com.example.cards.run.RunParameters;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.skip.NeverSkipItemSkipPolicy;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The issue step, shared by every job that issues (a CSV batch, a staging claim, a
 * rerun): the batch's PENDING rows, partitioned by line-number ranges
 * ({@code issuance.grid-size}), through the one {@link IssuanceProcessor} into
 * applications, cards and outcomes. A staging run's claim ({@code claimRunDate} in the
 * job execution context) narrows the rows to those claimed for its run date. Job
 * assemblies use it by {@link #ISSUE_CARDS_STEP}.
 */
@Configuration(proxyBeanMethods = false)
public class IssueStepConfiguration {

    /** The bean name of the issue step. */
    public static final String ISSUE_CARDS_STEP = "issueCardsStep";

    /**
     * The bean name of the step after the issue step that hands the committed mobile
     * cards to the wallet.
     */
    public static final String HAND_OFF_WALLETS_STEP = "handOffWalletsStep";

    /**
     * The step's name in the job repository: restarts find their partitions by it, and
     * the status report lists each of them.
     */
    static final String ISSUE_CARDS = "issueCards";

    static final String ISSUE_CARDS_WORKER = "issueCardsWorker";

    static final String ISSUE_CARDS_WORKER_STEP = "issueCardsWorkerStep";

    private static final String PENDING_REQUEST_READER = "pendingRequestReader";

    private static final String ISSUE_PROGRESS = "issueProgress";

    private static final String CLAIM_RUN_DATE = "#{jobExecutionContext['" + RunContext.CLAIM_RUN_DATE + "']}";

    private static final String BATCH_ID = "#{jobParameters['" + RunParameters.BATCH_ID + "']}";

    /**
     * Refreshes the request table's statistics before the partitions plan their queries,
     * and the applications' after, for the export's joins. With
     * {@code issuance.partitioning=remote} the same step sends its partitions to workers
     * instead ({@link RemotePartitioningManagerConfiguration}).
     */
    @Bean(ISSUE_CARDS_STEP)
    @ConditionalOnProperty(name = "issuance.partitioning", havingValue = "local", matchIfMissing = true)
    Step issueCardsStep(JobRepository jobRepository, @Qualifier(ISSUE_CARDS_WORKER_STEP) Step worker,
            RequestRangePartitioner requestRangePartitioner, IssuanceProperties properties, JdbcTemplate jdbc,
            @Qualifier(ISSUE_PROGRESS) PartitionProgress progress) {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("issue-");
        executor.setConcurrencyLimit(properties.gridSize());
        return new StepBuilder(ISSUE_CARDS, jobRepository).listener(new TableStatistics(jdbc))
            .listener(progress)
            .partitioner(ISSUE_CARDS_WORKER, requestRangePartitioner)
            .step(worker)
            .gridSize(properties.gridSize())
            .taskExecutor(executor)
            .build();
    }

    /**
     * The issue step's progress: the total is the batch's PENDING rows (for a staging
     * run, those claimed for its run date) when the step starts.
     */
    @Bean(ISSUE_PROGRESS)
    PartitionProgress issueProgress(JdbcTemplate jdbc) {
        return new PartitionProgress(ISSUE_CARDS, ISSUE_CARDS_WORKER, step -> {
            String batchId = step.getJobExecution().getJobParameters().getString(RunParameters.BATCH_ID);
            String claimRunDate = step.getJobExecution()
                .getExecutionContext()
                .getString(RunContext.CLAIM_RUN_DATE, null);
            String pending = "SELECT COUNT(*) FROM issuance_request r WHERE r.batch_id = ? AND "
                    + RequestOutcomes.pending("r");
            Long total = claimRunDate == null ? jdbc.queryForObject(pending, Long.class, batchId)
                    : jdbc.queryForObject(pending + " AND r.claim_run_date = ?", Long.class, batchId,
                            java.sql.Date.valueOf(LocalDate.parse(claimRunDate)));
            return total == null ? 0 : total;
        });
    }

    @Bean
    @StepScope
    RequestRangePartitioner requestRangePartitioner(JdbcTemplate jdbc, @Value(BATCH_ID) String batchId,
            @Value(CLAIM_RUN_DATE) String claimRunDate) {
        return new RequestRangePartitioner(jdbc, batchId, claimRunDate == null ? null : LocalDate.parse(claimRunDate));
    }

    /**
     * Fault tolerant for transient database faults only: a read, process or write that
     * meets one is retried with exponential back-off ({@code issuance.recovery.*});
     * nothing is ever skipped, so a fault that persists fails the step and leaves the run
     * restartable. Each write attempt runs in a savepoint, so a retry starts clean.
     */
    @Bean(ISSUE_CARDS_WORKER_STEP)
    Step issueCardsWorkerStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            @Qualifier(PENDING_REQUEST_READER) PendingRequestReader reader, IssuanceProcessor issuanceProcessor,
            IssuanceWriter issuanceWriter, IssuanceProperties properties, RecoveryProperties recovery,
            PartitionsInHand partitionsInHand) {
        return new StepBuilder(ISSUE_CARDS_WORKER, jobRepository)
            .<PendingRequest, IssuanceOutcome>chunk(properties.chunkSize())
            .transactionManager(transactionManager)
            .reader(reader)
            .processor(issuanceProcessor)
            .writer(new SavepointItemWriter<>(issuanceWriter, transactionManager))
            .faultTolerant()
            .retryPolicy(TransientFaults.retryPolicy(recovery))
            .skipPolicy(new NeverSkipItemSkipPolicy())
            .listener(partitionsInHand)
            .build();
    }

    @Bean
    PartitionsInHand partitionsInHand() {
        return new PartitionsInHand();
    }

    @Bean(PENDING_REQUEST_READER)
    @StepScope
    PendingRequestReader pendingRequestReader(JdbcTemplate jdbc, @Value(BATCH_ID) String batchId,
            @Value("#{stepExecutionContext['" + RequestRangePartitioner.MIN_LINE + "']}") Long minLine,
            @Value("#{stepExecutionContext['" + RequestRangePartitioner.MAX_LINE + "']}") Long maxLine,
            @Value(CLAIM_RUN_DATE) String claimRunDate, IssuanceProperties properties) {
        return new PendingRequestReader(jdbc, batchId, minLine, maxLine, properties.chunkSize(),
                claimRunDate == null ? null : LocalDate.parse(claimRunDate));
    }

    @Bean
    @StepScope
    IssuanceProcessor issuanceProcessor(@Value(BATCH_ID) String batchId,
            @Value("#{jobParameters['" + RunParameters.RUN_DATE + "']}") LocalDate runDate, RequestValidator validator,
            JdbcTemplate jdbc, FieldCipher cipher, KeyedHash keyedHash, CardNumberAllocator cardNumbers,
            CardApplyNumbers applyNumbers, CorrelationIds correlationIds) {
        return new IssuanceProcessor(batchId, runDate, validator, ProductCatalog.load(jdbc), cipher, keyedHash,
                cardNumbers, applyNumbers, correlationIds);
    }

    /** The wallet hand-off after the issue step ({@link WalletHandOffTasklet}). */
    @Bean(HAND_OFF_WALLETS_STEP)
    Step handOffWalletsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            JdbcTemplate jdbc, FieldCipher cipher, KeyRing keys, WalletProvisioning wallet,
            IssuanceProperties properties) {
        return new StepBuilder("handOffWallets", jobRepository)
            .tasklet(new WalletHandOffTasklet(jdbc, cipher, keys, wallet, transactionManager, properties.chunkSize()),
                    transactionManager)
            .build();
    }

    @Bean
    IssuanceWriter issuanceWriter(JdbcTemplate jdbc, Clock clock, IssuanceCounters counters) {
        return new IssuanceWriter(jdbc, clock, counters);
    }

}
