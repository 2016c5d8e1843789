package com.example.cards.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.example.cards.BulkIssuanceApplication;
import com.example.cards.crypto.KeyRing;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys at start-up: the production profiles refuse the development password and never
 * create a keystore; the database records a check value per key on first use, and a
 * keystore that does not match them is refused with exit 2 and one line, also when the
 * embedded default would otherwise create a fresh keystore.
 */
@ExtendWith(OutputCaptureExtension.class)
class KeyCheckCommandLineTests {

    @TempDir
    Path dir;

    private CapturedOutput output;

    @BeforeEach
    void captureOutput(CapturedOutput output) {
        this.output = output;
    }

    private CommandLineSmokeTests.Launch run(String... args) {
        List<String> all = new ArrayList<>(
                List.of("--spring.datasource.url=" + url(), "--issuance.output-dir=" + dir.resolve("out"),
                        "--logging.file.name=" + dir.resolve("bulk-issuance.log"), "--issuance.command=none"));
        all.addAll(List.of(args));
        int outBefore = output.getOut().length();
        int errBefore = output.getErr().length();
        int exitCode = BulkIssuanceApplication.launch(all.toArray(String[]::new));
        return new CommandLineSmokeTests.Launch(exitCode, output.getOut().substring(outBefore),
                output.getErr().substring(errBefore));
    }

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    private static String keystore(Path path) {
        return "--issuance.crypto.keystore-path=" + path;
    }

    @Test
    void theProductionProfilesRefuseTheDevelopmentPasswordAndNeverCreateAKeystore() {
        for (String profile : List.of("postgres", "oracle")) {
            Path store = dir.resolve(profile + ".p12");
            run("--spring.profiles.active=" + profile, keystore(store),
                    "--issuance.crypto.keystore-password=dev-only-not-a-secret")
                .assertOneLineFailure(ExitCodes.INVALID_INPUT, "refuse the development keystore password");
            run("--spring.profiles.active=" + profile, keystore(store),
                    "--issuance.crypto.keystore-password=another-password", "--spring.datasource.username=sa",
                    "--spring.datasource.password=", "--spring.flyway.locations=classpath:db/migration/h2",
                    "--issuance.crypto.create-keystore-if-missing=true")
                .assertOneLineFailure(ExitCodes.FAILED, "Keystore " + store + " does not exist");
            assertThat(store).doesNotExist();
        }
    }

    @Test
    void aKeystoreThatDoesNotMatchTheDatabaseIsRefusedWithExit2() throws Exception {
        Path first = dir.resolve("first.p12");
        assertThat(run(keystore(first), "--issuance.crypto.create-keystore-if-missing=true").exitCode()).isZero();
        Map<String, String> recorded = recorded();
        assertThat(recorded.keySet()).hasSize(3).contains("hash", "pan-ff1").anyMatch(k -> k.startsWith("data."));
        assertThat(run(keystore(first)).exitCode()).as("the same keystore again").isZero();

        // A mistyped path: the embedded default would create a fresh keystore there.
        Path mistyped = dir.resolve("frist.p12");
        run(keystore(mistyped), "--issuance.crypto.create-keystore-if-missing=true").assertOneLineFailure(
                ExitCodes.INVALID_INPUT,
                "keystore " + mistyped + " does not exist, but the " + "database holds data written with keys",
                "no new keystore was created");
        assertThat(mistyped).doesNotExist();

        // Another keystore altogether (made against another database).
        Path other = dir.resolve("other.p12");
        KeyRing.open(other, "dev-only-not-a-secret".toCharArray(), true, null);
        run(keystore(other)).assertOneLineFailure(ExitCodes.INVALID_INPUT,
                "keystore " + other + " does not match the keys the database was written with", "different: [", "hash",
                "pan-ff1", "missing: [data.");

        // A rotation adds a data key: recorded on its first use, the others still match.
        String added = KeyRing.addDataKey(first, "dev-only-not-a-secret".toCharArray());
        assertThat(run(keystore(first)).exitCode()).isZero();
        assertThat(recorded()).containsAllEntriesOf(recorded).containsKey("data." + added).hasSize(4);
        assertThat(Files.readString(dir.resolve("bulk-issuance.log"))).doesNotContain(recorded.values());
    }

    private Map<String, String> recorded() throws Exception {
        Map<String, String> values = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url(), "sa", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT key_name, check_value FROM issuance_key_check")) {
            while (rs.next()) {
                values.put(rs.getString(1), rs.getString(2));
            }
        }
        return values;
    }

}
