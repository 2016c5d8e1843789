package com.example.cards.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.example.cards.bench.MinimalIssueJob.MinimalRun;
import com.example.cards.bench.PhaseClock.Phase;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark's yardstick on a small synthetic input (three chunks, quoted addresses
 * with commas, duplicate request ids), on a private in-memory H2: every request gives one
 * row and one result line, and the phases it reports fit inside its step.
 */
class MinimalIssueJobFunctionalTests {

    private static final int REQUESTS = 2_100;

    @TempDir
    Path dir;

    @Test
    void issuesOneCardAndOneResultLinePerRequest() throws Exception {
        new SyntheticData(7).write(REQUESTS, this.dir);
        List<String> csv = Files.readAllLines(this.dir.resolve("requests.csv"), StandardCharsets.UTF_8);
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:mem:minimal-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        MinimalIssueJob.createSchema(dataSource);
        Path results = this.dir.resolve("results.csv");

        MinimalRun run = new MinimalIssueJob(dataSource).run(this.dir.resolve("requests.csv"), results);

        assertThat(run.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(run.step().getReadCount()).isEqualTo(REQUESTS);
        assertThat(run.step().getWriteCount()).isEqualTo(REQUESTS);
        assertThat(run.step().getCommitCount()).isEqualTo(3);
        List<String> expected = new ArrayList<>();
        expected.add(MinimalIssueJob.RESULT_HEADER);
        for (int lineNo = 2; lineNo <= REQUESTS + 1; lineNo++) {
            String line = csv.get(lineNo - 1);
            String number = CardSealingProcessor.cardNumber(lineNo);
            expected.add(lineNo + "," + line.substring(0, line.indexOf(',')) + "," + number.substring(0, 6) + "******"
                    + number.substring(12));
        }
        assertThat(Files.readAllLines(results, StandardCharsets.UTF_8)).containsExactlyElementsOf(expected);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM minimal_card", Long.class)).isEqualTo(REQUESTS);
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT sealed_number) FROM minimal_card", Long.class))
            .isEqualTo(REQUESTS);
        assertThat(jdbc.queryForObject("SELECT MIN(line_no) || '-' || MAX(line_no) FROM minimal_card", String.class))
            .isEqualTo("2-" + (REQUESTS + 1));
        assertThat(jdbc.queryForObject("SELECT STATUS FROM BATCH_STEP_EXECUTION", String.class)).isEqualTo("COMPLETED");

        Duration phases = Duration.ZERO;
        for (Phase phase : Phase.values()) {
            assertThat(run.clock().spent(phase)).as(phase.name()).isPositive();
            phases = phases.plus(run.clock().spent(phase));
        }
        assertThat(phases).isLessThanOrEqualTo(run.stepTime());
        assertThat(run.reportLine()).startsWith("YARDSTICK status=COMPLETED read=2100 written=2100 job_ms=");
    }

}
