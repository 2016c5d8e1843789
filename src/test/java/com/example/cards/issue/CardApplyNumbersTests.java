package com.example.cards.issue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CardApplyNumbersTests {

    private static final String FORMAT = "^\\d{6}[0-9A-HJKMNP-TV-Z]{16}$";

    private final CardApplyNumbers numbers = new CardApplyNumbers(new SecureRandom());

    @ParameterizedTest
    @CsvSource({ "2026-11-24, 261124", "2000-01-01, 000101", "2099-12-31, 991231", })
    void formatIsRunDatePlusSixteenCrockfordCharacters(LocalDate runDate, String prefix) {
        String number = numbers.next(runDate);
        assertThat(number).hasSize(22).startsWith(prefix).matches(FORMAT);
    }

    /** A SecureRandom that hands out fixed bytes, to pin the base32 encoding. */
    private static SecureRandom fixed(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        return new SecureRandom() {
            @Override
            public void nextBytes(byte[] out) {
                System.arraycopy(bytes, 0, out, 0, out.length);
            }
        };
    }

    private static Clock at(String time) {
        return Clock.fixed(LocalDate.of(2026, 11, 24).atTime(LocalTime.parse(time)).toInstant(ZoneOffset.UTC),
                ZoneOffset.UTC);
    }

    @ParameterizedTest
    @CsvSource({ "00:00:00,     00000000000000, 0000000000", "00:00:00,     ffffffffffffff, ZZZZZZZZZZ",
            "00:00:00,     00443214c74240, 0123456789", "00:00:00,     84653a56d7c640, GHJKMNPQRS", })
    void encodesFiftyRandomBitsMostSignificantFirst(String time, String randomHex, String expectedSuffix) {
        String number = new CardApplyNumbers(fixed(randomHex), at(time)).next(LocalDate.of(2026, 11, 24));
        assertThat(number).isEqualTo("261124" + "000000" + expectedSuffix);
    }

    @ParameterizedTest
    @CsvSource({ "00:00:00.000, 000000", "00:00:00.031, 00000Z", "12:34:56.789, 1B6B4N", "23:59:59.999, 2JCPZZ", })
    void encodesTheMillisecondOfTheDay(String time, String expected) {
        String number = new CardApplyNumbers(fixed("00000000000000"), at(time)).next(LocalDate.of(2026, 11, 24));
        assertThat(number.substring(6, 12)).isEqualTo(expected);
    }

    @Test
    void numbersDrawnLaterSortAfterEarlierOnes() {
        String earlier = new CardApplyNumbers(fixed("ffffffffffffff"), at("09:15:00.000"))
            .next(LocalDate.of(2026, 11, 24));
        String later = new CardApplyNumbers(fixed("00000000000000"), at("09:15:00.001"))
            .next(LocalDate.of(2026, 11, 24));
        assertThat(later).isGreaterThan(earlier);
    }

    @Test
    void usesTheWholeAlphabet() {
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            for (char c : numbers.next(LocalDate.of(2026, 11, 24)).substring(12).toCharArray()) {
                seen.add(c);
            }
        }
        assertThat(seen).hasSize(32).doesNotContain('I', 'L', 'O', 'U');
    }

    @Test
    void noDuplicatesInAMillionDraws() {
        LocalDate runDate = LocalDate.of(2026, 11, 24);
        Set<String> seen = new HashSet<>(2_000_000);
        for (int i = 0; i < 1_000_000; i++) {
            String number = numbers.next(runDate);
            if (!seen.add(number)) {
                throw new AssertionError("duplicate " + number + " after " + i + " draws");
            }
        }
    }

    @Test
    void isSafeToShareAcrossThreads() throws Exception {
        LocalDate runDate = LocalDate.of(2026, 11, 24);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 50_000; i++) {
                        String number = numbers.next(runDate);
                        assertThat(number).matches(FORMAT);
                        seen.add(number);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(seen).hasSize(200_000);
    }

}
