package com.example.cards.jobs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.example.cards.cli.ExitCodes;
import com.example.cards.request.RequestFields;
import com.example.cards.run.JobNames;

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
 * spreadsheet slip), and a header row that swallowed the first record. Each such request
 * is rejected with {@code 000_002} naming its field, and no RRN leaves the job in full:
 * every output, standard output and error, the log, every text column of every table and
 * every execution context are searched.
 */
@SpringBootTest(properties = "logging.level.com.example.cards=DEBUG")
@ExtendWith(OutputCaptureExtension.class)
class MisplacedRrnJobFunctionalTests extends JobFunctionalTestSupport {

    private static final List<String> VALID = Arrays.asList(BadInputJobFunctionalTests.VALID.split(","));

    @Autowired
    ApplicationContext context;

    @Autowired
    JobRepository jobRepository;

    @TempDir
    Path dir;

    Launcher launcher;

    @BeforeEach
    void setUp() {
        launcher = new Launcher(context);
    }

    @Test
    void anRrnInAnyColumnIsRejectedNamingItsFieldAndNeverLeavesTheJobInFull(CapturedOutput output) throws Exception {
        List<String> rrns = new ArrayList<>();
        Map<String, String> expected = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>(List.of(JobFixture.HEADER));
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
        Path input = Files.writeString(dir.resolve("in.csv"), String.join("\n", lines) + "\n");
        Path out = dir.resolve("out");

        assertThat(launcher.launch(JobNames.ISSUE_CARDS, "batchId=misplaced", "runDate=2026-11-24",
                "inputFile=" + input, "outputDir=" + out))
            .isEqualTo(ExitCodes.COMPLETED);

        Map<String, String> actual = new LinkedHashMap<>();
        for (Map<String, Object> r : jdbc.queryForList(
                "SELECT request_id, result_message FROM issuance_request WHERE batch_id = 'misplaced' ORDER BY line_no")) {
            actual.put(String.valueOf(r.get("REQUEST_ID")), String.valueOf(r.get("RESULT_MESSAGE")));
        }
        // the request id is itself masked where it held the RRN
        String maskedRequestId = rrns.get(0).substring(0, 6) + "-" + rrns.get(0).charAt(7) + "******";
        expected.put(maskedRequestId, expected.remove(expected.keySet().iterator().next()));
        assertThat(actual).containsAllEntriesOf(expected);
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

        List<String> haystacks = new ArrayList<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.toList()) {
                haystacks.add(f.getFileName() + ": " + Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        assertThat(haystacks).hasSize(4);
        assertThat(haystacks).anyMatch(h -> h.contains(maskedRequestId));
        haystacks.add("console and log: " + output.getAll());
        haystacks.add("log file: " + Files.readString(Path.of("target/test-logs/bulk-issuance.log")));
        haystacks.add("database: " + databaseText());
        haystacks.add("execution contexts: " + executionContexts());
        for (String haystack : haystacks) {
            String where = haystack.substring(0, haystack.indexOf(':'));
            for (String rrn : rrns) {
                assertThat(haystack).as("RRN in " + where).doesNotContain(rrn).doesNotContain(rrn.replace("-", ""));
            }
        }
    }

    private String executionContexts() {
        StringBuilder contexts = new StringBuilder();
        for (long id : jdbc.queryForList("SELECT job_execution_id FROM batch_job_execution", Long.class)) {
            JobExecution execution = jobRepository.getJobExecution(id);
            contexts.append(execution.getExecutionContext()).append(execution.getExitStatus()).append('\n');
            for (StepExecution step : execution.getStepExecutions()) {
                contexts.append(step.getExecutionContext()).append(step.getExitStatus()).append('\n');
            }
        }
        assertThat(contexts).contains("requestFileReader");
        return contexts.toString();
    }

    /** Every text value of every table, the job repository's included. */
    private String databaseText() {
        StringBuilder text = new StringBuilder();
        for (Map<String, Object> column : jdbc
            .queryForList("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = "
                    + "'PUBLIC' AND data_type IN ('CHARACTER VARYING', 'CHARACTER', 'CHARACTER LARGE OBJECT')")) {
            jdbc.query("SELECT CAST(\"" + column.get("COLUMN_NAME") + "\" AS VARCHAR) FROM \""
                    + column.get("TABLE_NAME") + "\"", rs -> {
                        text.append(rs.getString(1)).append('\n');
                    });
        }
        assertThat(text).contains("issueCardsJob", "misplaced", "swallowed");
        return text.toString();
    }

}
