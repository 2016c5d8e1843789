package com.example.cards.jobs;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.cards.crypto.CvkPair;
import com.example.cards.crypto.FieldCipher;
import com.example.cards.crypto.KeyRing;
import com.example.cards.crypto.Sealed;
import com.example.cards.issue.CvcCalculator;
import com.example.cards.issue.IssuanceOutcome;
import com.example.cards.issue.IssuanceWriter;
import com.example.cards.issue.WalletProvisioning;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mobile card reaches the member's wallet only once its chunk has committed, exactly
 * once, and restartably: a chunk that fails after its cards were processed hands nothing
 * over, and a hand-off that fails is resumed by a restart without handing any card over
 * twice.
 */
class WalletHandOffJobFunctionalTests extends JobFunctionalTestSupport {

    /** The write attempt (counted over the run) that fails after writing its chunk. */
    static final AtomicInteger failWriteAt = new AtomicInteger();

    static final AtomicInteger writes = new AtomicInteger();

    /** The hand-off (counted over the run) that fails. */
    static final AtomicInteger failHandOffAt = new AtomicInteger();

    static final AtomicInteger handOffs = new AtomicInteger();

    static final List<String[]> handedOver = new CopyOnWriteArrayList<>();

    @TestConfiguration
    static class FailingChunkAndWallet {

        @Bean
        @Primary
        IssuanceWriter failingIssuanceWriter(JdbcTemplate jdbc, Clock clock) {
            return new IssuanceWriter(jdbc, clock) {
                @Override
                public void write(Chunk<? extends IssuanceOutcome> chunk) {
                    super.write(chunk);
                    if (writes.incrementAndGet() == failWriteAt.get()) {
                        throw new IllegalStateException("chunk fails after its cards were processed (injected)");
                    }
                }
            };
        }

        @Bean
        @Primary
        WalletProvisioning capturingWallet() {
            return (userId, applyNo, pan, yymm, cvc) -> {
                if (handOffs.incrementAndGet() == failHandOffAt.get()) {
                    throw new IllegalStateException("wallet platform unavailable (injected)");
                }
                handedOver.add(new String[] { applyNo, pan, yymm, cvc });
            };
        }

    }

    @Autowired
    FieldCipher cipher;

    @Autowired
    KeyRing keys;

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        failWriteAt.set(0);
        writes.set(0);
        failHandOffAt.set(0);
        handOffs.set(0);
        handedOver.clear();
    }

    /** 40 requests, 10 of them with a mobile card (PRE_ISSUE of member 1003). */
    private Path input() {
        StringBuilder csv = new StringBuilder(JobFixture.HEADER).append('\n');
        for (int i = 0; i < 40; i++) {
            String row = (i % 4 == 2)
                    ? "R1,1003,박지훈,PARK JIHOON,851122-1456789,010-2345-6789,Y,088,110234567890,DEBIT0000000001,"
                            + "PRE_ISSUE,N,Y,04524,서울특별시 중구 세종대로 110,3층"
                    : ResultCodeJobFunctionalTests.VALID;
            csv.append(row.replaceFirst("^R1,", "W" + i + ",")).append('\n');
        }
        return JobFixture.write(this.dir, "in.csv", csv.toString());
    }

    @Test
    void aChunkThatFailsAfterProcessingHandsNothingOverAndARestartHandsEveryCardOnce() throws Exception {
        JobFixture fixture = fixture(this.dir.resolve("out"));
        failWriteAt.set(3);
        JobExecution failed = fixture.run("wallet-chunk", input());
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        List<String> committed = committedMobilePans("wallet-chunk");
        assertThat(committed.size()).as("some chunks committed, not all").isBetween(1, 9);
        assertThat(handedOver).extracting((card) -> card[1]).allMatch(committed::contains);

        JobExecution restarted = fixture.run("wallet-chunk", input());
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertHandedOverExactlyOnce("wallet-chunk", 10);
    }

    @Test
    void aFailedHandOffIsResumedByARestartWithoutHandingAnyCardOverTwice() throws Exception {
        JobFixture fixture = fixture(this.dir.resolve("out"));
        failHandOffAt.set(4);
        JobExecution failed = fixture.run("wallet-fail", input());
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(handedOver).hasSize(3);
        assertThat(marked("wallet-fail", "Y")).isEqualTo(3);

        JobExecution restarted = fixture.run("wallet-fail", input());
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertHandedOverExactlyOnce("wallet-fail", 10);
    }

    @Test
    void aHandOffThatFailsOnALaterPageKeepsTheEarlierPagesMarked() throws Exception {
        // pages of the chunk size (7 in tests): the 9th hand-off fails on the second page
        JobFixture fixture = fixture(this.dir.resolve("out"));
        failHandOffAt.set(9);
        JobExecution failed = fixture.run("wallet-page", input());
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(handedOver).hasSize(8);
        assertThat(marked("wallet-page", "Y")).isEqualTo(8);

        JobExecution restarted = fixture.run("wallet-page", input());
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertHandedOverExactlyOnce("wallet-page", 10);
    }

    private void assertHandedOverExactlyOnce(String batchId, int mobiles) {
        List<String> committed = committedMobilePans(batchId);
        assertThat(committed).hasSize(mobiles);
        assertThat(handedOver).extracting((card) -> card[1]).containsExactlyInAnyOrderElementsOf(committed);
        for (String[] card : handedOver) {
            String alias = this.jdbc.queryForObject(
                    "SELECT p.cvk_alias FROM card c JOIN card_product p "
                            + "ON p.service_id = c.service_id WHERE c.card_apply_no = ? AND c.card_role = 'MOBILE'",
                    String.class, card[0]);
            CvkPair cvk = this.keys.cvk(alias);
            assertThat(card[3]).isEqualTo(new CvcCalculator(cvk.keyA(), cvk.keyB()).cvv(card[1], card[2], "000"));
        }
        assertThat(marked(batchId, "N")).isZero();
    }

    /**
     * The batch's mobile cards handed over ({@code Y}: with a {@code wallet_handoff} row)
     * or not ({@code N}).
     */
    private int marked(String batchId, String status) {
        return this.jdbc.queryForObject(
                "SELECT COUNT(*) FROM card c JOIN card_application a "
                        + "ON a.card_apply_no = c.card_apply_no WHERE a.batch_id = ? AND c.card_role = 'MOBILE' "
                        + "AND " + ("Y".equals(status) ? "" : "NOT ")
                        + "EXISTS (SELECT 1 FROM wallet_handoff w WHERE w.card_apply_no = c.card_apply_no)",
                Integer.class, batchId);
    }

    private List<String> committedMobilePans(String batchId) {
        return this.jdbc.query(
                "SELECT c.pan_key_id, c.pan_enc FROM card c JOIN card_application a "
                        + "ON a.card_apply_no = c.card_apply_no WHERE a.batch_id = ? AND c.card_role = 'MOBILE'",
                (rs, i) -> this.cipher.open(new Sealed(rs.getString(1).strip(), rs.getString(2))), batchId);
    }

}
