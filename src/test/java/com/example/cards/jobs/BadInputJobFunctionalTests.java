package com.example.cards.jobs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.cards.stage.InputFileException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad files and parameters: a bad record gets a result code, a bad file or bad parameters
 * stop before issuing.
 */
class BadInputJobFunctionalTests extends JobFunctionalTestSupport {

    private static final AtomicInteger BATCH = new AtomicInteger();

    private static final Charset MS949 = Charset.forName("x-windows-949");
    static final String VALID = ResultCodeJobFunctionalTests.VALID;

    @TempDir
    Path dir;

    JobFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture(dir.resolve("out"));
    }

    static String batch() {
        return "bad-" + BATCH.incrementAndGet();
    }

    @Test
    void malformedRecordsAreRejectedWithTheirReasonAndTheirNeighboursAreIssued() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes((JobFixture.HEADER + "\n").getBytes(StandardCharsets.UTF_8));
        file.writeBytes((VALID + "\n").getBytes(StandardCharsets.UTF_8));
        file.writeBytes("R2,1003,too,few,columns\n".getBytes(StandardCharsets.UTF_8));
        file.writeBytes((VALID.replace("R1,", "R3,").replace("KIM MINJUN", "KIM \"MIN\" JUN") + "\n")
            .getBytes(StandardCharsets.UTF_8));
        byte[] undecodable = (VALID.replace("R1,", "R4,") + "\n").getBytes(StandardCharsets.UTF_8);
        undecodable[10] = (byte) 0xC3;
        undecodable[11] = (byte) 0x28;
        file.writeBytes(undecodable);
        file.writeBytes((VALID.replace("R1,", "R5,")
            .replace(",1001,", ",1003,")
            .replace("김민준", "박지훈")
            .replace("900101-1234567", "851122-1456789") + "\n").getBytes(StandardCharsets.UTF_8));
        String batchId = batch();

        JobExecution execution = fixture.run(batchId, JobFixture.write(dir, "in.csv", file.toByteArray()));

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<Map<String, Object>> rows = fixture.requests(batchId);
        assertThat(rows)
            .extracting(r -> r.get("LINE_NO").toString() + " " + r.get("STATUS") + " " + r.get("RESULT_MESSAGE"))
            .containsExactly("2 ISSUED Success.",
                    "3 REJECTED Invalid input parameter. record (wrong number of columns: 5, header has 16)",
                    "4 REJECTED Invalid input parameter. record (malformed quoting)",
                    "5 REJECTED Invalid input parameter. record (undecodable bytes for encoding UTF-8)",
                    "6 ISSUED Success.");
        assertThat(fixture.lines(fixture.outputs(batchId).results())).hasSize(6);
    }

    @Test
    void aNulByteMakesTheRecordMalformedAndNoNulIsWritten() throws Exception {
        String nulInName = VALID.replace("R1,", "R2,").replace("KIM MINJUN", "KIM\u0000MINJUN");
        String nulInRrn = VALID.replace("R1,", "R3,").replace("900101-1234567", "900101-123\u00004567");
        String nulBetweenFields = VALID.replace("R1,", "R4,").replace(",Y,", ",Y\u0000,");
        String batchId = batch();
        JobExecution execution = fixture.run(batchId, JobFixture.write(dir, "in.csv", JobFixture.HEADER + "\n" + VALID
                + "\n" + nulInName + "\n" + nulInRrn + "\n" + nulBetweenFields + "\n"));

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(fixture.requests(batchId))
            .extracting(r -> r.get("LINE_NO").toString() + " " + r.get("STATUS") + " " + r.get("RESULT_MESSAGE") + " "
                    + r.get("USER_NAME"))
            .containsExactly("2 ISSUED Success. null", "3 REJECTED Invalid input parameter. record (NUL byte) null",
                    "4 REJECTED Invalid input parameter. record (NUL byte) null",
                    "5 REJECTED Invalid input parameter. record (NUL byte) null");
        for (Path output : List.of(fixture.outputs(batchId).results(), fixture.outputs(batchId).rejections(),
                fixture.outputs(batchId).manifest(), fixture.outputs(batchId).summary())) {
            byte[] bytes = Files.readAllBytes(output);
            for (byte b : bytes) {
                assertThat(b).as(output.toString()).isNotZero();
            }
        }
    }

    @Test
    void aFileMissingARequiredColumnStopsTheJobBeforeAnythingIsStaged() throws Exception {
        String header = JobFixture.HEADER.replace(",zipCode", "").replace(",engName", "");
        String batchId = batch();
        JobExecution execution = fixture.run(batchId, JobFixture.write(dir, "in.csv", header + "\n"));

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(execution.getAllFailureExceptions()).singleElement()
            .isInstanceOf(InputFileException.class)
            .extracting(Throwable::getMessage)
            .asString()
            .contains("engName")
            .contains("zipCode");
        assertNothingStaged(batchId);
    }

    @Test
    void aMissingFileStopsTheJobWithAClearMessage() throws Exception {
        String batchId = batch();
        JobExecution execution = fixture.run(batchId, dir.resolve("no-such-file.csv"));

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(execution.getAllFailureExceptions()).singleElement()
            .isInstanceOf(InputFileException.class)
            .extracting(Throwable::getMessage)
            .asString()
            .contains("no-such-file.csv");
        assertNothingStaged(batchId);
    }

    @Test
    void invalidParametersAreRefusedBeforeTheJobStarts() {
        Path input = JobFixture.write(dir, "in.csv", JobFixture.HEADER + "\n");
        assertThatThrownBy(() -> jobOperator.start(job, JobFixture.parameters("bad id!", input, "UTF-8", dir)))
            .isInstanceOf(InvalidJobParametersException.class)
            .hasMessageContaining("batchId");
        assertThatThrownBy(() -> jobOperator.start(job, JobFixture.parameters("b1", input, "UTF-16", dir)))
            .isInstanceOf(InvalidJobParametersException.class)
            .hasMessageContaining("Unsupported encoding 'UTF-16'");
        assertThatThrownBy(() -> jobOperator.start(job,
                new JobParametersBuilder().addString("batchId", "b2")
                    .addString("inputFile", input.toString(), false)
                    .toJobParameters()))
            .isInstanceOf(InvalidJobParametersException.class)
            .hasMessageContaining("runDate");
    }

    @Test
    void anEmptyFileCompletesWithZeroCounts() throws Exception {
        for (String content : new String[] { "", JobFixture.HEADER + "\r\n" }) {
            String batchId = batch();
            JobExecution execution = fixture.run(batchId, JobFixture.write(dir, batchId + ".csv", content));

            assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(fixture.lines(fixture.outputs(batchId).results())).hasSize(1);
            assertThat(Files.readString(fixture.outputs(batchId).summary())).contains("\"records\" : 0");
        }
    }

    @Test
    void aBomCrlfLineEndsAndQuotedLineBreaksAreHandled() throws Exception {
        String content = "\uFEFF" + JobFixture.HEADER + "\r\n" + VALID.replace("10층", "\"10층, 회의실\"") + "\r\n"
                + VALID.replace("R1,", "R2,").replace("10층", "\"10층\n회의실\"") + "\r\n"
                + VALID.replace("R1,", "R3,").replace(",1001,", ",5555,") + "\r\n";
        String batchId = batch();
        fixture.run(batchId, JobFixture.write(dir, "in.csv", content));

        assertThat(fixture.requests(batchId)).extracting(r -> r.get("LINE_NO") + " " + r.get("RESULT_MESSAGE"))
            .containsExactly("2 Success.", "3 Invalid input parameter. addressDetail", "5 Wallet user not found.");
        byte[] results = Files.readAllBytes(fixture.outputs(batchId).results());
        assertThat(results).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(Files.readString(fixture.outputs(batchId).manifest())).contains("\"10층, 회의실\"");
    }

    @Test
    void ms949InputIsReadAndTheOutputsAreWrittenInMs949() throws Exception {
        // 똠 is in MS949 but not in Java's EUC-KR: reading EUC-KR as MS949 keeps it.
        String content = JobFixture.HEADER + "\n" + VALID + "\n"
                + VALID.replace("R1,", "R2,").replace(",1001,", ",5555,").replace("김민준", "김똠순") + "\n";
        for (String encoding : new String[] { "MS949", "EUC-KR" }) {
            String batchId = batch();
            JobExecution execution = fixture.run(batchId,
                    JobFixture.write(dir, batchId + ".csv", content.getBytes(MS949)), encoding);

            assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(fixture.requests(batchId)).extracting(r -> r.get("RESULT_CODE"))
                .containsExactly("000_000", "001_006");
            assertThat(fixture.lines(fixture.outputs(batchId).rejections(), MS949).get(1)).contains("김똠순");
            assertThat(fixture.lines(fixture.outputs(batchId).manifest(), MS949).get(1)).contains("김민준", "테헤란로");
        }
    }

    @Test
    void anUndecodableMs949RecordIsRejectedNotTurnedIntoQuestionMarks() throws Exception {
        byte[] good = (JobFixture.HEADER + "\n" + VALID + "\n").getBytes(MS949);
        byte[] bad = (VALID.replace("R1,", "R2,") + "\n").getBytes(MS949);
        bad[20] = (byte) 0xFF;
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(good);
        file.writeBytes(bad);
        String batchId = batch();
        fixture.run(batchId, JobFixture.write(dir, "in.csv", file.toByteArray()), "MS949");

        assertThat(fixture.requests(batchId)).extracting(r -> r.get("RESULT_MESSAGE"))
            .containsExactly("Success.", "Invalid input parameter. record (undecodable bytes for encoding MS949)");
        assertThat(fixture.count("SELECT COUNT(*) FROM issuance_request WHERE batch_id = ? AND user_name LIKE '%?%'",
                batchId))
            .isZero();
    }

    private void assertNothingStaged(String batchId) {
        assertThat(fixture.count("SELECT COUNT(*) FROM issuance_request WHERE batch_id = ?", batchId)).isZero();
        assertThat(fixture.count("SELECT COUNT(*) FROM card_application WHERE batch_id = ?", batchId)).isZero();
    }

}
