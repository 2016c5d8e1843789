package com.example.cards.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares an output file line by line with an expected file in which the values that
 * differ from run to run are placeholders: {corr} a correlation id, {apply} a card
 * application number, {d4} four digits, {n} a number, {batch} the batch id.
 */
final class ExpectedLines {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(corr|apply|d4|batch|n)}");

    private ExpectedLines() {
    }

    static void assertMatches(List<String> actual, String expectedResource, String batchId) {
        List<String> expected = read(expectedResource);
        assertThat(actual).as("line count of " + expectedResource).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as(expectedResource + " line " + (i + 1))
                .matches(regex(expected.get(i), batchId));
        }
    }

    private static String regex(String expected, String batchId) {
        Map<String, String> patterns = Map.of("corr", "\\d{12}-[0-9a-f]{7}", "apply", "261124[0-9A-HJKMNP-TV-Z]{16}",
                "d4", "\\d{4}", "n", "\\d+", "batch", Pattern.quote(batchId));
        StringBuilder regex = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(expected);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(expected.substring(last, m.start()))).append(patterns.get(m.group(1)));
            last = m.end();
        }
        return regex.append(Pattern.quote(expected.substring(last))).toString();
    }

    private static List<String> read(String resource) {
        try {
            return Files.readAllLines(Path.of("src/test/resources", resource), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
