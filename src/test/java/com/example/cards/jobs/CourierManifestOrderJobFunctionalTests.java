package com.example.cards.jobs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.example.cards.export.ClaimScope;
import com.example.cards.export.DeliveryManifestWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On H2 the job sorts the courier's manifest itself, spilling sorted runs to encrypted
 * scratch files when a batch is larger than its memory: the manifest comes out in the
 * order the database's {@code ORDER BY} gives, whether it spilled or not.
 */
class CourierManifestOrderJobFunctionalTests extends JobFunctionalTestSupport {

    private static final String[] ZIPS = { "06236", "04524", "13494" };

    private static final String[] ADDRESSES = { "서울특별시 강남구 테헤란로 123", "서울특별시 중구 세종대로 110",
            "Seoul Jung-gu Sejong-daero 110" };

    private static final String[] DETAILS = { "", "10층", "2층", "B1" };

    private static final String[] PRODUCTS = { "DEBIT0000000001,PHYSICAL,Y", "DEBIT0000000002,PHYSICAL,N" };

    @TempDir
    Path dir;

    /**
     * 120 requests whose zip codes, addresses, details and products repeat out of step.
     */
    private Path mixedAddresses() {
        StringBuilder csv = new StringBuilder(JobFixture.HEADER).append('\n');
        for (int i = 1; i <= 120; i++) {
            csv.append("ORDER-")
                .append(i)
                .append(",1001,김민준,KIM MINJUN,900101-1234567,010-1234-5678,Y,088,110-123-456789,")
                .append(PRODUCTS[i / 36 % 2])
                .append(",Y,")
                .append(ZIPS[i % 3])
                .append(',')
                .append(ADDRESSES[i / 3 % 3])
                .append(',')
                .append(DETAILS[i / 9 % 4])
                .append('\n');
        }
        return JobFixture.write(this.dir, "mixed.csv", csv.toString());
    }

    @Test
    void theManifestIsInTheDatabasesOrderWhetherItsSortSpilledToScratchFilesOrNot() throws Exception {
        JobFixture fixture = fixture(this.dir.resolve("out"));
        assertThat(fixture.run("order", mixedAddresses()).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<String> byTheDatabase = this.jdbc.queryForList("""
                SELECT card_apply_no FROM card_application WHERE batch_id = 'order' AND delivery_required = 'Y'
                 ORDER BY zip_code, address, COALESCE(address_detail, ' '), delivery_class, line_no""", String.class);
        assertThat(byTheDatabase).hasSize(120);

        List<String> manifest = fixture.lines(fixture.outputs("order").manifest());
        assertThat(cardApplyNumbers(manifest)).containsExactlyElementsOf(byTheDatabase);

        Path scratch = Files.createDirectories(this.dir.resolve("scratch"));
        Path spilled = this.dir.resolve("spilled.csv");
        new DeliveryManifestWriter(this.jdbc, false, 7, scratch).write(ClaimScope.whole("order"), JobFixture.RUN_DATE,
                1, spilled, StandardCharsets.UTF_8, false);
        assertThat(fixture.lines(spilled)).containsExactlyElementsOf(manifest);
        try (Stream<Path> left = Files.list(scratch)) {
            assertThat(left).as("scratch files left behind").isEmpty();
        }
    }

    private static List<String> cardApplyNumbers(List<String> manifest) {
        return manifest.stream().filter((line) -> line.startsWith("D,")).map((line) -> line.split(",")[3]).toList();
    }

}
