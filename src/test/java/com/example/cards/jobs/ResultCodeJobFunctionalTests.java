package com.example.cards.jobs;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.example.cards.crypto.FieldCipher;
import com.example.cards.crypto.KeyRing;
import com.example.cards.crypto.Sealed;
import com.example.cards.issue.CvcCalculator;
import com.example.cards.issue.Luhn;
import com.example.cards.issue.WalletProvisioning;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One whole-job run per result code: the code, the message and what was (or was not)
 * issued.
 */
public class ResultCodeJobFunctionalTests extends JobFunctionalTestSupport {

    private static final AtomicInteger BATCH = new AtomicInteger();

    /**
     * A valid PHYSICAL request of member 1001 with delivery; the cases change one thing.
     */
    public static final String VALID = "R1,1001,김민준,KIM MINJUN,900101-1234567,010-1234-5678,Y,088,110-123-456789,"
            + "DEBIT0000000001,PHYSICAL,Y,Y,06236,서울특별시 강남구 테헤란로 123,10층";

    @TestConfiguration
    static class CapturingWallet {

        static final List<String[]> provisioned = new CopyOnWriteArrayList<>();

        @Bean
        @Primary
        WalletProvisioning capturingWallet() {
            return (userId, applyNo, pan, yymm, cvc) -> provisioned.add(new String[] { applyNo, pan, yymm, cvc });
        }

    }

    @Autowired
    FieldCipher cipher;

    @Autowired
    KeyRing keys;

    @TempDir
    Path dir;

    JobFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture(dir.resolve("out"));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("bad mobile", VALID.replace("010-1234-5678", "011-1234-5678"), "000_002",
                        "Invalid input parameter. mobileNumber"),
                Arguments.of("unknown product", VALID.replace("DEBIT0000000001", "DEBIT0000000077"), "000_002",
                        "Invalid input parameter. serviceId"),
                Arguments.of("inactive product", VALID.replace("DEBIT0000000001", "DEBIT0000000009"), "000_002",
                        "Invalid input parameter. serviceId"),
                Arguments.of("digital product asked as debit", VALID.replace("DEBIT0000000001", "DIGIT0000000001"),
                        "000_002", "Invalid input parameter. serviceId"),
                Arguments.of("unknown member", VALID.replace(",1001,", ",5555,"), "001_006", "Wallet user not found."),
                Arguments.of("dormant member",
                        "R1,1005,정우진,JUNG WOOJIN,770707-1567890,010-5566-7788,Y,088,"
                                + "110-555-667788,DEBIT0000000001,PHYSICAL,N,N,,,",
                        "001_006", "Wallet user not found."),
                Arguments.of("withdrawn member",
                        "R1,1006,강하은,KANG HAEUN,880808-2678901,010-5566-7788,Y,088,"
                                + "110-555-667788,DEBIT0000000001,PHYSICAL,N,N,,,",
                        "001_006", "Wallet user not found."),
                Arguments.of("other bank's product", VALID.replace(",088,", ",004,"), "003_060",
                        "Service is not related to the request bank."),
                Arguments.of("issue type not offered",
                        VALID.replace("DEBIT0000000001,PHYSICAL,Y", "DEBIT0000000002,PRE_ISSUE,N"), "003_061",
                        "Not valid card issue type with the service."),
                Arguments.of("no cash-IC applet", VALID.replace("DEBIT0000000001", "DEBIT0000000002"), "003_062",
                        "Service does not support the applet."),
                Arguments.of("not a pre-issue product",
                        VALID.replace("DEBIT0000000001,PHYSICAL,Y", "DEBIT0000000005,PRE_ISSUE,N"), "003_065",
                        "Service is not digital pre-issue type."),
                Arguments.of("no sibling product",
                        VALID.replace(",088,", ",004,")
                            .replace("DEBIT0000000001,PHYSICAL", "DEBIT0000000003,PRE_ISSUE"),
                        "003_066", "Service does not have a sibling service."),
                Arguments.of("wrong RRN", VALID.replace("900101-1234567", "900101-1234568"), "003_063",
                        "User authentication error."),
                Arguments.of("wrong name", VALID.replace("김민준", "김민수"), "003_063", "User authentication error."),
                Arguments.of("no mobile wallet",
                        "R1,1002,이서연,LEE SEOYEON,920315-2345678,010-7890-1234,Y,088,"
                                + "110-777-123456,DEBIT0000000001,PRE_ISSUE,N,N,,,",
                        "003_064", "Download digital card error."));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("cases")
    void rejectsWithItsCodeAndIssuesNothing(String name, String row, String code, String message) throws Exception {
        String batchId = "code-" + BATCH.incrementAndGet();
        JobExecution execution = fixture.run(batchId,
                JobFixture.write(dir, "in.csv", JobFixture.HEADER + "\n" + row + "\n"));

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<Map<String, Object>> rows = fixture.requests(batchId);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("STATUS", "REJECTED")
            .containsEntry("RESULT_CODE", code)
            .containsEntry("RESULT_MESSAGE", message);
        assertThat(fixture.count("SELECT COUNT(*) FROM card_application WHERE batch_id = ?", batchId)).isZero();
        assertThat(fixture.lines(fixture.outputs(batchId).results()).get(1))
            .matches("2,R1,\\d+,\\d{12}-[0-9a-f]{7},REJECTED," + code + "," + message.replace(".", "\\.") + ",,,,");
    }

    @Test
    void issuesAPhysicalCard() throws Exception {
        String batchId = "code-" + BATCH.incrementAndGet();
        JobExecution execution = fixture.run(batchId,
                JobFixture.write(dir, "in.csv", JobFixture.HEADER + "\n" + VALID + "\n"));

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(fixture.requests(batchId).get(0)).containsEntry("STATUS", "ISSUED")
            .containsEntry("RESULT_CODE", "000_000")
            .containsEntry("RESULT_MESSAGE", "Success.");
        Map<String, Object> card = jdbc.queryForMap("SELECT c.* FROM card c JOIN card_application a "
                + "ON a.card_apply_no = c.card_apply_no WHERE a.batch_id = ?", batchId);
        String pan = cipher.open(new Sealed((String) card.get("PAN_KEY_ID"), (String) card.get("PAN_ENC")));
        assertThat(pan).hasSize(16).startsWith("941100");
        assertThat(Luhn.isValid(pan)).isTrue();
        assertThat(card).containsEntry("CARD_ROLE", "PHYSICAL").containsEntry("EXPIRY_DATE", "20311130");
        assertThat((String) card.get("PAN_KEY_ID")).hasSize(32).isEqualTo(keys.activeDataKeyId());
        assertThat(fixture.lines(fixture.outputs(batchId).results()).get(1))
            .matches("2,R1,1001,\\d{12}-[0-9a-f]{7},ISSUED,000_000,Success\\.,261124[0-9A-Z]{16},941100\\*{6}"
                    + pan.substring(12) + ",,20311130");
    }

    @Test
    void issuesAPreIssueMobileCardUnderTheSiblingProductWithItsCvc() throws Exception {
        String batchId = "code-" + BATCH.incrementAndGet();
        String row = "R1,1003,박지훈,PARK JIHOON,851122-1456789,+82 10 2345 6789,Y,088,110234567890,DEBIT0000000001,"
                + "PRE_ISSUE,N,Y,04524,서울특별시 중구 세종대로 110,3층";
        fixture.run(batchId, JobFixture.write(dir, "in.csv", JobFixture.HEADER + "\n" + row + "\n"));

        Map<String, Object> app = jdbc.queryForMap("SELECT * FROM card_application WHERE batch_id = ?", batchId);
        assertThat(app).containsEntry("MOBILE_SERVICE_ID", "DIGIT0000000001")
            .containsEntry("ISSUE_TYPE", "PRE_ISSUE")
            .containsEntry("RECIPIENT_MOBILE", "010-2345-6789");
        Map<String, Object> mobile = jdbc.queryForMap(
                "SELECT * FROM card WHERE card_apply_no = ? AND card_role = 'MOBILE'", app.get("CARD_APPLY_NO"));
        String pan = cipher.open(new Sealed((String) mobile.get("PAN_KEY_ID"), (String) mobile.get("PAN_ENC")));
        assertThat(pan).startsWith("94110099").hasSize(16);
        String[] handedOver = CapturingWallet.provisioned.stream()
            .filter(p -> p[0].equals(app.get("CARD_APPLY_NO")))
            .findFirst()
            .orElseThrow();
        assertThat(handedOver[1]).isEqualTo(pan);
        assertThat(handedOver[2]).isEqualTo("3111");
        var cvk = keys.cvk("default");
        assertThat(handedOver[3]).isEqualTo(CvcCalculator.cvv(pan, "3111", "000", cvk.keyA(), cvk.keyB()));
    }

    @Test
    void aDuplicateRequestIdIsRejectedAfterTheFirstLine() throws Exception {
        String batchId = "code-" + BATCH.incrementAndGet();
        String other = VALID.replace(",1001,", ",1003,");
        fixture.run(batchId, JobFixture.write(dir, "in.csv", JobFixture.HEADER + "\n" + VALID + "\n" + other + "\n"));

        List<Map<String, Object>> rows = fixture.requests(batchId);
        assertThat(rows.get(0)).containsEntry("STATUS", "ISSUED");
        assertThat(rows.get(1)).containsEntry("STATUS", "REJECTED")
            .containsEntry("RESULT_CODE", "900_001")
            .containsEntry("RESULT_MESSAGE", "Duplicate request in batch.");
        assertThat(fixture.count("SELECT COUNT(*) FROM card_application WHERE batch_id = ?", batchId)).isEqualTo(1);
    }

    @Test
    void aUserIdLargerThanALongIsIssued() throws Exception {
        String batchId = "code-" + BATCH.incrementAndGet();
        String row = "R1,9999999999999999001,배태민,BAE TAEMIN,950505-1789012,010 4567 8901,Y,004,004-12-345678-9,"
                + "DEBIT0000000003,PHYSICAL,Y,Y,48058,부산광역시 해운대구 센텀중앙로 79,";
        fixture.run(batchId, JobFixture.write(dir, "in.csv", JobFixture.HEADER + "\n" + row + "\n"));

        assertThat(fixture.requests(batchId).get(0)).containsEntry("STATUS", "ISSUED");
        assertThat(
                jdbc.queryForObject("SELECT user_id FROM card_application WHERE batch_id = ?", String.class, batchId))
            .isEqualTo("9999999999999999001");
    }

}
