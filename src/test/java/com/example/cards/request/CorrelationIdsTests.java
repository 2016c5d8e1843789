package com.example.cards.request;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CorrelationIdsTests {

    private static final String FORMAT = "^\\d{12}-[0-9a-f]{7}$";

    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-24T01:02:03.456Z"), ZoneOffset.UTC);

    @ParameterizedTest
    @CsvSource({ "2026-11-24T01:02:03.456Z, UTC,        261124010203",
            "2026-11-24T01:02:03Z,     Asia/Seoul, 261124100203", "2026-12-31T23:59:59Z,     Asia/Seoul, 270101085959",
            "2000-01-01T00:00:00Z,     UTC,        000101000000", })
    void timestampComesFromTheClockInItsZone(Instant instant, ZoneId zone, String expectedPrefix) {
        String id = new CorrelationIds(Clock.fixed(instant, zone)).next();
        assertThat(id).hasSize(20).matches(FORMAT).startsWith(expectedPrefix + "-");
        assertThat(CorrelationIds.isValid(id)).isTrue();
    }

    @Test
    void suffixCountsUpAndWrapsModulo16To7() {
        CorrelationIds ids = new CorrelationIds(FIXED, 0xFFFFFFEL);
        assertThat(ids.next()).isEqualTo("261124010203-ffffffe");
        assertThat(ids.next()).isEqualTo("261124010203-fffffff");
        assertThat(ids.next()).isEqualTo("261124010203-0000000");
        assertThat(ids.next()).isEqualTo("261124010203-0000001");
    }

    @Test
    void wrapsEvenWhenTheLongCounterOverflows() {
        CorrelationIds ids = new CorrelationIds(FIXED, Long.MAX_VALUE);
        assertThat(ids.next()).isEqualTo("261124010203-fffffff");
        assertThat(ids.next()).isEqualTo("261124010203-0000000");
    }

    @Test
    void startsAtARandomSuffix() {
        Set<String> firsts = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            firsts.add(new CorrelationIds(FIXED).next());
        }
        // 20 draws from 2^28 start values: a repeat would have probability below 10^-6.
        assertThat(firsts).hasSize(20);
    }

    @Test
    void uniqueOverAMillionDrawsInOneSecond() {
        CorrelationIds ids = new CorrelationIds(FIXED);
        Set<String> seen = new HashSet<>(2_000_000);
        for (int i = 0; i < 1_000_000; i++) {
            String id = ids.next();
            if (!seen.add(id)) {
                throw new AssertionError("duplicate " + id + " after " + i + " draws");
            }
        }
        assertThat(seen).allMatch(CorrelationIds::isValid);
    }

    @Test
    void uniqueAcrossThreads() throws Exception {
        CorrelationIds ids = new CorrelationIds(FIXED);
        int threads = 4;
        int perThread = 100_000;
        Set<String> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        seen.add(ids.next());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(seen).hasSize(threads * perThread).allMatch(id -> id.matches(FORMAT));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL",
            value = { "261124010203-0a1b2c3,  true", "000000000000-0000000,  true", "261124010203-0A1B2C3,  false",
                    "261124010203-0a1b2c,   false", "261124010203-0a1b2c34, false", "26112401020-0a1b2c3a,  false",
                    "261124010203_0a1b2c3,  false", "2611240102030a1b2c3,   false", "26112401020x-0a1b2c3,  false",
                    "261124010203-0a1b2g3,  false", "'',                    false", "NULL,                  false", })
    void isValid(String id, boolean expected) {
        assertThat(CorrelationIds.isValid(id)).isEqualTo(expected);
    }

}
