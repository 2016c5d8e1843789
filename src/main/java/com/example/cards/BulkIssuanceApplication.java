package com.example.cards;

import org.springframework.boot.ExitCodeExceptionMapper;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.core.io.support.SpringFactoriesLoader;

@SpringBootApplication
@ConfigurationPropertiesScan
public class BulkIssuanceApplication {

    public static void main(String[] args) {
        System.exit(launch(args));
    }

    /**
     * Runs the application once and returns its exit code. A run that fails before or
     * outside a job (the context cannot start: keystore, database, Flyway) was already
     * reported on one line by the command line's exception reporter; its exit code comes
     * from the command line's {@link ExitCodeExceptionMapper}, found through
     * {@code META-INF/spring.factories} because this class sits below the command line.
     */
    public static int launch(String... args) {
        try {
            return SpringApplication.exit(SpringApplication.run(BulkIssuanceApplication.class, args));
        }
        catch (RuntimeException failure) {
            return SpringFactoriesLoader.forDefaultResourceLocation(BulkIssuanceApplication.class.getClassLoader())
                .load(ExitCodeExceptionMapper.class)
                .stream()
                .mapToInt(mapper -> mapper.getExitCode(failure))
                .filter(code -> code != 0)
                .findFirst()
                .orElseThrow(() -> failure);
        }
    }

}
