package com.example.cards.jobs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import com.example.cards.crypto.FieldCipher;
import com.example.cards.crypto.KeyedHash;
import com.example.cards.crypto.Sealed;
import com.example.cards.issue.WalletProvisioning;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the sample with request-level logging on, then searches every output file, the
 * whole log and every text column of the database (business tables and the job
 * repository) for RRNs, full card numbers and CVCs.
 */
@SpringBootTest(properties = "logging.level.com.example.cards=DEBUG")
@ExtendWith(OutputCaptureExtension.class)
class SensitiveDataLeakJobFunctionalTests extends JobFunctionalTestSupport {

    @TestConfiguration
    static class CapturingWallet {

        static final List<String[]> handedOver = new CopyOnWriteArrayList<>();

        @Bean
        @Primary
        WalletProvisioning capturingWallet() {
            return (userId, applyNo, pan, yymm, cvc) -> handedOver.add(new String[] { pan, cvc });
        }

    }

    @Autowired
    FieldCipher cipher;

    @Autowired
    JobRepository jobRepository;

    @Autowired
    KeyedHash keyedHash;

    @TempDir
    Path dir;

    @Test
    void noRrnFullCardNumberOrCvcAppearsInAnyOutputLogOrTable(CapturedOutput log) throws Exception {
        JobFixture fixture = fixture(dir);
        JobExecution execution = fixture.run("leak-scan", Path.of("sample-input/requests.csv"));
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);

        List<String> rrns = new ArrayList<>();
        for (String file : new String[] { "sample-input/members.csv", "sample-input/requests.csv" }) {
            for (String line : Files.readAllLines(Path.of(file))) {
                for (String cell : line.split(",")) {
                    if (cell.matches("\\d{6}-?\\d{7}")) {
                        rrns.add(cell.replace("-", ""));
                        rrns.add(cell.substring(0, 6) + "-" + cell.replace("-", "").substring(6));
                    }
                }
            }
        }
        List<String> pans = jdbc.query("SELECT pan_key_id, pan_enc FROM card",
                (rs, i) -> cipher.open(new Sealed(rs.getString(1), rs.getString(2))));
        assertThat(rrns).hasSizeGreaterThan(20);
        assertThat(pans).hasSize(7);
        jdbc.query("SELECT pan_key_id, pan_enc, pan_hash FROM card",
                (rs, i) -> assertThat(rs.getBytes(3)).as("the card's unique key: its number's keyed hash, 32 bytes")
                    .hasSize(32)
                    .isEqualTo(keyedHash.digest(cipher.open(new Sealed(rs.getString(1), rs.getString(2))))));
        assertThat(CapturingWallet.handedOver).isNotEmpty();

        List<String> haystacks = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                haystacks.add(f.getFileName() + ": " + Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        assertThat(haystacks).hasSize(4);
        haystacks.add("log: " + log.getAll());
        haystacks.add("database: " + databaseText());
        // The repository stores execution contexts serialised; read them back as the job
        // sees them.
        StringBuilder contexts = new StringBuilder(
                jobRepository.getJobExecution(execution.getId()).getExecutionContext().toString());
        for (StepExecution step : jobRepository.getJobExecution(execution.getId()).getStepExecutions()) {
            contexts.append(step.getStepName()).append(step.getExecutionContext()).append('\n');
        }
        assertThat(contexts).contains("requestFileReader");
        haystacks.add("execution contexts: " + contexts);

        for (String haystack : haystacks) {
            String where = haystack.substring(0, haystack.indexOf(':'));
            for (String rrn : rrns) {
                assertThat(haystack).as("RRN in " + where).doesNotContain(rrn);
            }
            for (String pan : pans) {
                assertThat(haystack).as("card number in " + where).doesNotContain(pan);
            }
            for (String[] mobile : CapturingWallet.handedOver) {
                assertThat(haystack).as("mobile card number in " + where).doesNotContain(mobile[0]);
            }
            assertThat(haystack).as("CVC label in " + where).doesNotContainPattern("(?i)cv[cv]2?\\W{0,3}\\d{3}");
        }
        assertThat(log.getAll()).as("request-level logging was on").contains("000_000 issued");
    }

    /**
     * Every text value of every table, the job repository's contexts and parameters
     * included.
     */
    private String databaseText() {
        StringBuilder text = new StringBuilder();
        List<Map<String, Object>> columns = jdbc
            .queryForList("SELECT table_name, column_name FROM information_schema.columns"
                    + " WHERE table_schema = 'PUBLIC' AND data_type IN ('CHARACTER VARYING', 'CHARACTER', 'CHARACTER LARGE OBJECT')");
        assertThat(columns).extracting(c -> c.get("COLUMN_NAME").toString())
            .noneMatch(n -> n.toUpperCase().contains("CVC"));
        for (Map<String, Object> column : columns) {
            String sql = "SELECT CAST(\"" + column.get("COLUMN_NAME") + "\" AS VARCHAR) FROM \""
                    + column.get("TABLE_NAME") + "\"";
            jdbc.query(sql, rs -> {
                text.append(rs.getString(1)).append('\n');
            });
        }
        assertThat(text).as("the job repository was scanned").contains("issueCardsJob");
        return text.toString();
    }

}
