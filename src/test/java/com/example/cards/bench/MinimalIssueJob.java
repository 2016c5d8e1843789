package com.example.cards.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.sql.DataSource;

import com.example.cards.bench.PhaseClock.Phase;

import ch.qos.logback.classic.Level;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.batch.infrastructure.item.file.FlatFileItemReader;
import org.springframework.batch.infrastructure.item.file.FlatFileItemWriter;
import org.springframework.batch.infrastructure.item.file.builder.FlatFileItemReaderBuilder;
import org.springframework.batch.infrastructure.item.file.builder.FlatFileItemWriterBuilder;
import org.springframework.batch.infrastructure.item.file.transform.DelimitedLineTokenizer;
import org.springframework.batch.infrastructure.item.file.transform.FieldSet;
import org.springframework.batch.infrastructure.item.support.CompositeItemWriter;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * The yardstick of {@code jobs/benchmark.sh}: the simplest Spring Batch job that touches
 * each request once, run on the same input and the same kind of database as the product,
 * so that the product's speed is read as a ratio to it rather than as an absolute rate
 * that drifts with the machine. One chunk step of 1,000: a {@link FlatFileItemReader}
 * over the CSV, {@link CardSealingProcessor} (a Luhn-valid number sealed with AES-GCM),
 * and a {@link CompositeItemWriter} of a {@code JdbcBatchItemWriter} into
 * {@code minimal_card} and a {@link FlatFileItemWriter} of one result line per request; a
 * JDBC job repository on the same database, in the same transactions.
 *
 * <p>
 * Plain Spring Batch, no application context: nothing of the product is on its class path
 * (the benchmark compiles it against the dependency jars only), and nothing here is a
 * Spring component that the product's tests could scan.
 *
 * <pre>java -cp CLASSPATH com.example.cards.bench.MinimalIssueJob INPUT_CSV RESULT_FILE JDBC_URL [USER]</pre>
 * The password, if any, is taken from {@code ISSUANCE_DB_PASSWORD}, as the application
 * does. The database must be empty: the job creates Spring Batch's schema (the script in
 * spring-batch-core's jar) and its table.
 */
public final class MinimalIssueJob {

    static final String JOB_NAME = "minimalIssueJob";

    static final String STEP_NAME = "minimalIssueStep";

    static final int CHUNK_SIZE = 1000;

    static final String RESULT_HEADER = "lineNo,requestId,maskedCardNumber";

    private static final String TABLE = """
            CREATE TABLE minimal_card (
                line_no BIGINT PRIMARY KEY,
                request_id VARCHAR(300) NOT NULL,
                sealed_number VARCHAR(100) NOT NULL,
                masked_number VARCHAR(19) NOT NULL
            );""";

    private static final String INSERT = """
            INSERT INTO minimal_card (line_no, request_id, sealed_number, masked_number) VALUES (?, ?, ?, ?)""";

    private final DataSource dataSource;

    private final JdbcTransactionManager transactionManager;

    private final JobRepository jobRepository;

    MinimalIssueJob(DataSource dataSource) throws Exception {
        this.dataSource = dataSource;
        this.transactionManager = new JdbcTransactionManager(dataSource);
        JdbcJobRepositoryFactoryBean repository = new JdbcJobRepositoryFactoryBean();
        repository.setDataSource(dataSource);
        repository.setTransactionManager(this.transactionManager);
        repository.afterPropertiesSet();
        this.jobRepository = repository.getObject();
    }

    /** Spring Batch's own schema for this database, and the job's one table. */
    static void createSchema(DataSource dataSource) throws SQLException {
        String platform;
        try (Connection connection = dataSource.getConnection()) {
            platform = switch (connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT)) {
                case "h2" -> "h2";
                case "postgresql" -> "postgresql";
                default -> throw new IllegalArgumentException(
                        "the minimal job runs on H2 or PostgreSQL, not " + connection.getMetaData().getURL());
            };
        }
        new ResourceDatabasePopulator(
                new ClassPathResource("org/springframework/batch/core/schema-" + platform + ".sql"),
                new ByteArrayResource(TABLE.getBytes(StandardCharsets.UTF_8)))
            .execute(dataSource);
    }

    /**
     * Runs the job once to its end and returns its execution and where its step spent its
     * time.
     */
    MinimalRun run(Path input, Path resultFile) throws Exception {
        PhaseClock clock = new PhaseClock();
        TaskExecutorJobOperator operator = new TaskExecutorJobOperator();
        operator.setJobRepository(this.jobRepository);
        operator.setJobRegistry(new MapJobRegistry());
        operator.afterPropertiesSet();
        JobExecution execution = operator.start(job(input, resultFile, clock),
                new JobParametersBuilder().addString("inputFile", input.toAbsolutePath().toString())
                    .addString("resultFile", resultFile.toAbsolutePath().toString())
                    .toJobParameters());
        return new MinimalRun(execution, clock);
    }

    private Job job(Path input, Path resultFile, PhaseClock clock) throws GeneralSecurityException {
        return new JobBuilder(JOB_NAME, this.jobRepository).start(step(input, resultFile, clock)).build();
    }

    private Step step(Path input, Path resultFile, PhaseClock clock) throws GeneralSecurityException {
        KeyGenerator keys = KeyGenerator.getInstance("AES");
        keys.init(256);
        SecretKey key = keys.generateKey();
        return new StepBuilder(STEP_NAME, this.jobRepository).<MinimalRequest, MinimalCard>chunk(CHUNK_SIZE)
            .transactionManager(this.transactionManager)
            .reader(clock.reader(requestReader(input)))
            .processor(clock.processor(new CardSealingProcessor(key)))
            .writer(new CompositeItemWriter<MinimalCard>(List.of(clock.writer(Phase.WRITE_TABLE, cardWriter()),
                    clock.writer(Phase.WRITE_FILE, resultWriter(resultFile)))))
            .build();
    }

    private static FlatFileItemReader<MinimalRequest> requestReader(Path input) {
        DelimitedLineTokenizer tokenizer = new DelimitedLineTokenizer();
        return new FlatFileItemReaderBuilder<MinimalRequest>().name("requestReader")
            .resource(new FileSystemResource(input))
            .encoding("UTF-8")
            .linesToSkip(1)
            .lineMapper((line, lineNumber) -> request(tokenizer.tokenize(line), lineNumber))
            .build();
    }

    private static MinimalRequest request(FieldSet f, long lineNo) {
        return new MinimalRequest(lineNo, f.readString(0), f.readString(1), f.readString(2), f.readString(3),
                f.readString(4), f.readString(5), f.readString(6), f.readString(7), f.readString(8), f.readString(9),
                f.readString(10), f.readString(11), f.readString(12), f.readString(13), f.readString(14),
                f.readString(15));
    }

    private JdbcBatchItemWriter<MinimalCard> cardWriter() {
        return new JdbcBatchItemWriterBuilder<MinimalCard>().dataSource(this.dataSource)
            .sql(INSERT)
            .itemPreparedStatementSetter((card, statement) -> {
                statement.setLong(1, card.lineNo());
                statement.setString(2, card.requestId());
                statement.setString(3, card.sealedNumber());
                statement.setString(4, card.maskedNumber());
            })
            .build();
    }

    /**
     * Not transactional: the lines go to the file inside {@code write}, so the time of
     * the file is the writer's own (a transactional writer would write them at commit). A
     * restart still truncates the file to the last committed position.
     */
    private static FlatFileItemWriter<MinimalCard> resultWriter(Path resultFile) {
        return new FlatFileItemWriterBuilder<MinimalCard>().name("resultWriter")
            .resource(new FileSystemResource(resultFile))
            .encoding("UTF-8")
            .transactional(false)
            .headerCallback((writer) -> writer.write(RESULT_HEADER))
            .lineAggregator((card) -> card.lineNo() + "," + card.requestId() + "," + card.maskedNumber())
            .build();
    }

    /** One run: its execution, as the job repository holds it, and its step's phases. */
    record MinimalRun(JobExecution execution, PhaseClock clock) {

        BatchStatus status() {
            return this.execution.getStatus();
        }

        StepExecution step() {
            return this.execution.getStepExecutions().iterator().next();
        }

        Duration jobTime() {
            return Duration.between(this.execution.getStartTime(), this.execution.getEndTime());
        }

        Duration stepTime() {
            return Duration.between(step().getStartTime(), step().getEndTime());
        }

        /**
         * One line for {@code jobs/benchmark.sh} to parse; times in milliseconds, as the
         * job repository keeps them.
         */
        String reportLine() {
            return String.format(Locale.ROOT,
                    "YARDSTICK status=%s read=%d written=%d job_ms=%d step_ms=%d read_ms=%d process_ms=%d"
                            + " table_ms=%d file_ms=%d",
                    status(), step().getReadCount(), step().getWriteCount(), jobTime().toMillis(),
                    stepTime().toMillis(), this.clock.spent(Phase.READ).toMillis(),
                    this.clock.spent(Phase.PROCESS).toMillis(), this.clock.spent(Phase.WRITE_TABLE).toMillis(),
                    this.clock.spent(Phase.WRITE_FILE).toMillis());
        }

    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: MinimalIssueJob INPUT_CSV RESULT_FILE JDBC_URL [USER]");
            System.exit(2);
        }
        // Without a configuration logback logs at DEBUG: a line per chunk and per
        // connection, which the product's runs (WARN, Spring Batch at INFO) do not pay.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
            .setLevel(Level.WARN);
        MinimalRun run;
        // Closed before the exit, as the application's context closes its pool: H2
        // closes its file when the last connection goes.
        try (HikariDataSource dataSource = dataSource(args[2], args.length > 3 ? args[3] : "sa")) {
            createSchema(dataSource);
            run = new MinimalIssueJob(dataSource).run(Path.of(args[0]), Path.of(args[1]));
        }
        run.execution().getAllFailureExceptions().forEach((ex) -> ex.printStackTrace(System.err));
        System.out.println(run.reportLine());
        System.exit(run.status() == BatchStatus.COMPLETED ? 0 : 1);
    }

    /**
     * A pool as the application's (Hikari, ten connections), with the driver setting the
     * application's PostgreSQL profile uses: batched inserts rewritten as multi-row ones.
     */
    private static HikariDataSource dataSource(String url, String user) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(user);
        dataSource.setPassword(System.getenv().getOrDefault("ISSUANCE_DB_PASSWORD", ""));
        dataSource.setMaximumPoolSize(10);
        if (url.startsWith("jdbc:postgresql:")) {
            dataSource.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        return dataSource;
    }

}
