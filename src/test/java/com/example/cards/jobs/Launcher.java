package com.example.cards.jobs;

import javax.sql.DataSource;

import com.example.cards.IssuanceProperties;
import com.example.cards.cli.JobLaunchCommand;
import com.example.cards.cli.RestartCommand;
import com.example.cards.cli.StatusReport;
import com.example.cards.cli.StopCommand;
import com.example.cards.reference.ReferenceDataLoader;

import org.springframework.batch.core.launch.JobOperator;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.env.MockEnvironment;

/**
 * Launches a job the way the scripts do
 * ({@code --spring.batch.job.name=... name=value ...}) through the application's command
 * line, and returns its exit code. What it prints goes to the process's standard output
 * and error.
 */
final class Launcher {

    private final ApplicationContext context;

    Launcher(ApplicationContext context) {
        this.context = context;
    }

    int launch(String jobName, String... arguments) {
        MockEnvironment environment = new MockEnvironment().withProperty("spring.batch.job.name", jobName);
        JobLaunchCommand command = new JobLaunchCommand(context, context.getBean(JobOperator.class),
                context.getBeanProvider(ReferenceDataLoader.class), environment, context.getBean(DataSource.class),
                context.getBean(LaunchPlanner.class), context.getBean(RestartCommand.class),
                context.getBean(StatusReport.class), context.getBean(StopCommand.class),
                context.getBean(RunLocks.class), context.getBean(IssuanceProperties.class));
        command.run(new DefaultApplicationArguments(arguments));
        return command.getExitCode();
    }

}
