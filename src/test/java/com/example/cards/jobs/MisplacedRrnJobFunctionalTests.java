package com.example.cards.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.example.cards.cli.ExitCodes;
import com.example.cards.crypto.FieldCipher;
import com.example.cards.request.RequestFields;
import com.example.cards.run.JobNames;
import com.example.cards.run.RunContext;
import com.example.cards.stage.StagingTableWriter;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RRNs typed into the wrong column: one request per column with an RRN in it (a
 * spreadsheet slip), in a CSV file and in rows an upstream system wrote to the staging
 * table, and a header row that swallowed the first record. Each such request is rejected
 * with {@code 000_002} naming its field, and no RRN leaves the job in full: every output,
 * standard output and error, the log, every text column of every table and every
 * execution context are searched.
 */
@SpringBootTest(properties = "logging.level.com.example.cards=DEBUG")
@ExtendWith(OutputCaptureExtension.class)
class MisplacedRrnJobFunctionalTests extends JobFunctionalTestSupport {

    private static final List<String> VALID = Arrays.asList(BadInputJobFunctionalTests.VALID.split(","));

    @Autowired
    ApplicationContext context;

    @Autowired
    JobRepository jobRepository;

    @Autowired
    FieldCipher cipher;

    @TempDir
    Path dir;

    Launcher launcher;

    @BeforeEach
    void setUp() {
        launcher = new Launcher(context);
    }

    /**
     * One request line per column with an RRN in it (without the header), the RRNs, and
     * the result message each request id must end with.
     */
    private record Misplaced(List<String> lines, List<String> rrns, Map<String, String> expected) {

        /**
         * The request id of the first line, which holds an RRN: stored and echoed masked.
         */
        String maskedRequestId() {
            return rrns.get(0).substring(0, 6) + "-" + rrns.get(0).charAt(7) + "******";
        }

    }

    private static Misplaced misplaced() {
        List<String> rrns = new ArrayList<>();
        Map<String, String> expected = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        int n = 0;
        for (String column : RequestFields.COLUMNS) {
            if (column.equals("socialNo")) {
                continue;
            }
            n++;
            // a distinct, valid RRN per column; every other one without its hyphen
            String rrn = String.format("8%d%02d%02d-%d%06d", n % 10, 1 + n % 12, 1 + n, 1 + n % 8, 123456 + n);
            String typed = n % 2 == 0 ? rrn : rrn.replace("-", "");
            if (column.equals("userId") || column.equals("accountNo")) {
                typed = rrn; // the hyphenated form: a plain 13 digits may be a genuine
                             // number there
            }
            rrns.add(rrn);
            List<String> row = new ArrayList<>(VALID);
            row.set(0, "M" + n);
            int index = RequestFields.COLUMNS.indexOf(column);
            String cell = switch (column) {
                case "userName", "address", "addressDetail" -> "x " + typed + " y";
                case "serviceId" -> "A" + rrn;
                default -> typed;
            };
            row.set(index, cell);
            lines.add(String.join(",", row));
            expected.put(column.equals("requestId") ? cell : "M" + n, "Invalid input parameter. " + column);
        }
        // socialNo and mobileNumber swapped
        String swapped = "791231-2345678";
        rrns.add(swapped);
        List<String> row = new ArrayList<>(VALID);
        row.set(0, "SWAP");
        row.set(4, "010-1234-5678");
        row.set(5, swapped);
        lines.add(String.join(",", row));
        expected.put("SWAP", "Invalid input parameter. socialNo");
        // a plain run of 13 digits stays a valid user id and account number
        row = new ArrayList<>(VALID);
        row.set(0, "PLAIN");
        row.set(1, "8501011234567");
        row.set(8, "8501011234567");
        lines.add(String.join(",", row));
        Misplaced misplaced = new Misplaced(lines, rrns, expected);
        // the request id is itself masked where it held the RRN
        expected.put(misplaced.maskedRequestId(), expected.remove(expected.keySet().iterator().next()));
        return misplaced;
    }

    @Test
    void anRrnInAnyColumnIsRejectedNamingItsFieldAndNeverLeavesTheJobInFull(CapturedOutput output) throws Exception {
        Misplaced misplaced = misplaced();
        List<String> lines = new ArrayList<>(List.of(JobFixture.HEADER));
        lines.addAll(misplaced.lines());
        Path input = Files.writeString(dir.resolve("in.csv"), String.join("\n", lines) + "\n");
        Path out = dir.resolve("out");

        assertThat(launcher.launch(JobNames.ISSUE_CARDS, "batchId=misplaced", "runDate=2026-11-24",
                "inputFile=" + input, "outputDir=" + out))
            .isEqualTo(ExitCodes.COMPLETED);

        Map<String, String> actual = resultMessages("misplaced");
        assertThat(actual).containsAllEntriesOf(misplaced.expected());
        assertThat(actual.get("PLAIN")).as("the 13-digit user id and account number pass the format rules")
            .doesNotStartWith("Invalid input parameter. userId")
            .doesNotStartWith("Invalid input parameter. accountNo");

        // A header row that swallowed the first record: refused by position, no value
        // echoed.
        Path swallowed = Files.writeString(dir.resolve("swallowed.csv"),
                JobFixture.HEADER + "," + lines.get(2) + "," + lines.get(2) + "\n" + lines.get(3) + "\n");
        assertThat(launcher.launch(JobNames.ISSUE_CARDS, "batchId=swallowed", "runDate=2026-11-24",
                "inputFile=" + swallowed, "outputDir=" + out))
            .isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(output.getErr()).contains("at column position(s)");

        assertNoRrnLeftTheJob(misplaced, out, output, "requestFileReader", "issueCardsJob", "misplaced", "swallowed");
    }

    /**
     * The same requests written by an upstream system into the staging table, plus one
     * row with an RRN in every text column at once and one whose 300-character address
     * ends with an RRN: each is rejected, and its row is rewritten masked with its
     * outcome.
     */
    @Test
    void anRrnAnUpstreamSystemWroteIntoAnyColumnOfTheStagingTableIsRejectedAndStoredMaskedOnly(CapturedOutput output)
            throws Exception {
        Misplaced misplaced = misplaced();
        List<String> lines = new ArrayList<>(misplaced.lines());
        String everywhere = "860707-2345678";
        misplaced.rrns().add(everywhere);
        List<String> row = new ArrayList<>(Collections.nCopies(RequestFields.COLUMNS.size(), everywhere));
        row.set(4, VALID.get(4));
        lines.add(String.join(",", row));
        String longAddress = "870808-1234567";
        misplaced.rrns().add(longAddress);
        row = new ArrayList<>(VALID);
        row.set(0, "LONG");
        row.set(14, "x".repeat(287) + longAddress.replace("-", ""));
        lines.add(String.join(",", row));
        misplaced.expected().put("LONG", "Invalid input parameter. address");
        StagingTableWriter writer = new StagingTableWriter(jdbc, cipher, Clock.systemDefaultZone());
        List<StagingTableWriter.Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            rows.add(StagingTableWriter.row(i + 1, lines.get(i)));
        }
        writer.write("upstream", rows);
        Path out = dir.resolve("out");

        assertThat(launcher.launch(JobNames.ISSUE_STAGED, "batchId=upstream", "runDate=2026-11-24", "outputDir=" + out))
            .isEqualTo(ExitCodes.COMPLETED);

        Map<String, String> actual = resultMessages("upstream");
        assertThat(actual).containsAllEntriesOf(misplaced.expected());
        String maskedEverywhere = everywhere.substring(0, 8) + "******";
        assertThat(actual.get(maskedEverywhere)).startsWith("Invalid input parameter. ");
        assertThat(jdbc.queryForObject(
                "SELECT address FROM issuance_request WHERE batch_id = 'upstream' " + "AND request_id = 'LONG'",
                String.class))
            .as("masked, then cut to the column's width")
            .isEqualTo("x".repeat(287) + "870808-1*****");
        assertThat(actual.get("PLAIN")).doesNotStartWith("Invalid input parameter.");

        // 000_002 is never rerun (RerunCodes): a masked row is never decided again.
        assertThat(jdbc.queryForList("SELECT DISTINCT status || ' ' || result_code FROM " + JobFixture.REQUESTS + " q "
                + "WHERE batch_id = 'upstream' AND request_id <> 'PLAIN'", String.class))
            .containsExactly("REJECTED 000_002");

        assertNoRrnLeftTheJob(misplaced, out, output, RunContext.CLAIM_RUN_DATE, "issueStagedJob", "upstream");
    }

    private Map<String, String> resultMessages(String batchId) {
        Map<String, String> messages = new LinkedHashMap<>();
        for (Map<String, Object> r : jdbc.queryForList("SELECT request_id, result_message FROM " + JobFixture.REQUESTS
                + " q WHERE batch_id = ? ORDER BY line_no", batchId)) {
            messages.put(String.valueOf(r.get("REQUEST_ID")), String.valueOf(r.get("RESULT_MESSAGE")));
        }
        return messages;
    }

    /**
     * Searches every output, the console, the log file, every text column of every table
     * and every execution context and exit status for the RRNs, with and without their
     * hyphen.
     * @param contextMarker a text that proves the execution contexts were read
     * @param databaseMarkers texts that prove the tables were read
     */
    private void assertNoRrnLeftTheJob(Misplaced misplaced, Path out, CapturedOutput output, String contextMarker,
            String... databaseMarkers) throws IOException {
        List<String> haystacks = new ArrayList<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.toList()) {
                haystacks.add(f.getFileName() + ": " + Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        assertThat(haystacks).hasSizeGreaterThanOrEqualTo(4);
        assertThat(haystacks).anyMatch(h -> h.contains(misplaced.maskedRequestId()));
        haystacks.add("console and log: " + output.getAll());
        haystacks.add("log file: " + Files.readString(Path.of("target/test-logs/bulk-issuance.log")));
        haystacks.add("database: " + databaseText(databaseMarkers));
        haystacks.add("execution contexts: " + executionContexts(contextMarker));
        for (String haystack : haystacks) {
            String where = haystack.substring(0, haystack.indexOf(':'));
            for (String rrn : misplaced.rrns()) {
                assertThat(haystack).as("RRN in " + where).doesNotContain(rrn).doesNotContain(rrn.replace("-", ""));
            }
        }
    }

    private String executionContexts(String marker) {
        StringBuilder contexts = new StringBuilder();
        for (long id : jdbc.queryForList("SELECT job_execution_id FROM batch_job_execution", Long.class)) {
            JobExecution execution = jobRepository.getJobExecution(id);
            contexts.append(execution.getExecutionContext()).append(execution.getExitStatus()).append('\n');
            for (StepExecution step : execution.getStepExecutions()) {
                contexts.append(step.getExecutionContext()).append(step.getExitStatus()).append('\n');
            }
        }
        assertThat(contexts).contains(marker);
        return contexts.toString();
    }

    /** Every text value of every table, the job repository's included. */
    private String databaseText(String... markers) {
        StringBuilder text = new StringBuilder();
        for (Map<String, Object> column : jdbc
            .queryForList("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = "
                    + "'PUBLIC' AND data_type IN ('CHARACTER VARYING', 'CHARACTER', 'CHARACTER LARGE OBJECT')")) {
            jdbc.query("SELECT CAST(\"" + column.get("COLUMN_NAME") + "\" AS VARCHAR) FROM \""
                    + column.get("TABLE_NAME") + "\"", rs -> {
                        text.append(rs.getString(1)).append('\n');
                    });
        }
        assertThat(text).contains(markers);
        return text.toString();
    }

}
