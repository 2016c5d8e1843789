package com.example.cards.jobs;

import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@ActiveProfiles("test")
class BatchRunLockTests {

    @Autowired
    DataSource dataSource;

    @Test
    void aSecondHolderIsRefusedUntilTheFirstLetsGo() {
        try (BatchRunLock first = BatchRunLock.tryAcquire(dataSource, "lock-a").orElseThrow()) {
            assertThat(BatchRunLock.tryAcquire(dataSource, "lock-a")).isEmpty();
            assertThat(BatchRunLock.isHeld(dataSource, "lock-a")).isTrue();
            Optional<BatchRunLock> other = BatchRunLock.tryAcquire(dataSource, "lock-b");
            assertThat(other).isPresent();
            other.get().close();
        }
        assertThat(BatchRunLock.isHeld(dataSource, "lock-a")).isFalse();
        BatchRunLock.tryAcquire(dataSource, "lock-a").orElseThrow().close();
    }

}
