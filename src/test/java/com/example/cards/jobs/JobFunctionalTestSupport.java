package com.example.cards.jobs;

import java.nio.file.Path;

import com.example.cards.reference.ReferenceDataLoader;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The wiring every whole-job test needs: the application on the test profile, and a
 * fixture over its job.
 */
@SpringBootTest
@ActiveProfiles("test")
abstract class JobFunctionalTestSupport {

    @Autowired
    protected JobOperator jobOperator;

    @Autowired
    @Qualifier("issueCardsJob")
    protected Job job;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected ReferenceDataLoader loader;

    /**
     * A fixture writing outputs to {@code outputDir}, with the sample members and
     * products loaded.
     */
    protected JobFixture fixture(Path outputDir) {
        return new JobFixture(jobOperator, job, jdbc, loader, outputDir);
    }

}
