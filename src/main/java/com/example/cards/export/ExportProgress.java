package com.example.cards.export;

import java.time.Duration;
import java.util.Optional;

import com.example.cards.run.ProgressSource;
import com.example.cards.run.StepProgress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The export step's progress: the records of its results file (a preview's rejections
 * file, which has no total known in advance) against the requests it covers. The other
 * files are written at the same time from the same rows.
 */
public class ExportProgress implements ProgressSource, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(ExportProgress.class);

    private final JdbcTemplate jdbc;

    private volatile Running running;

    public ExportProgress(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        long total = -1;
        String kind = "results";
        try {
            ExportScope scope = ExportScope.of(stepExecution.getJobExecution());
            if (scope.rejectionsOnly()) {
                kind = "rejections";
            }
            else {
                ClaimScope rows = scope.rows();
                Long count = jdbc.queryForObject(
                        rows.sql("SELECT COUNT(*) FROM issuance_request r WHERE r.batch_id = ?%s", "r"), Long.class,
                        rows.arguments());
                total = count == null ? 0 : count;
            }
        }
        catch (RuntimeException e) {
            // the step itself reports what is wrong; progress goes without a total
            log.debug("No total for the export's progress: {}", e.toString());
        }
        running = new Running(stepExecution.getStepName(), stepExecution.getJobExecutionId(), kind,
                CsvOutput.written(kind), total, System.nanoTime());
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        running = null;
        return null;
    }

    @Override
    public Optional<StepProgress> progress(JobExecution execution) {
        Running r = running;
        if (r == null || r.jobExecutionId() != execution.getId()) {
            return Optional.empty();
        }
        return Optional.of(new StepProgress(r.step(), CsvOutput.written(r.kind()) - r.baseline(), r.total(),
                Duration.ofNanos(System.nanoTime() - r.start())));
    }

    private record Running(String step, long jobExecutionId, String kind, long baseline, long total, long start) {
    }

}
