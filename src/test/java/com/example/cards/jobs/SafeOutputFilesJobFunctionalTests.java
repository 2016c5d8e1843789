package com.example.cards.jobs;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import com.example.cards.export.OutputNames;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outputs are written safely: a link planted at any temporary ({@code .part}) or final
 * name is replaced, never followed, so the file it points to is untouched; every output
 * ends as a regular file, owner-only (0600).
 */
class SafeOutputFilesJobFunctionalTests extends JobFunctionalTestSupport {

    @TempDir
    Path dir;

    JobFixture fixture;

    Path out;

    @BeforeEach
    void setUp() throws Exception {
        out = Files.createDirectories(dir.resolve("out"));
        fixture = fixture(out);
    }

    @Test
    void linksAtEveryTemporaryAndFinalNameAreReplacedAndTheirTargetsUntouched() throws Exception {
        String batchId = "links-1";
        OutputNames names = fixture.outputs(batchId);
        List<Path> finals = List.of(names.results(), names.rejections(), names.manifest(), names.summary());
        List<Path> victims = new ArrayList<>();
        List<Path> links = new ArrayList<>();
        for (Path output : finals) {
            for (Path name : List.of(output, output.resolveSibling(output.getFileName() + ".part"))) {
                Path victim = Files.writeString(dir.resolve("victim-" + victims.size()), "precious " + victims.size());
                Files.createSymbolicLink(name, victim);
                victims.add(victim);
                links.add(name);
            }
        }
        // A dangling link too: following it would create a file elsewhere.
        Path dangling = dir.resolve("created-through-link");
        Files.delete(links.get(1));
        Files.createSymbolicLink(links.get(1), dangling);

        var execution = fixture.run(batchId,
                JobFixture.write(dir, "in.csv", JobFixture.HEADER + "\n" + BadInputJobFunctionalTests.VALID + "\n"
                        + BadInputJobFunctionalTests.VALID.replace("R1,", "R2,").replace("010-1234-5678", "not a phone")
                        + "\n"));

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        for (int i = 0; i < victims.size(); i++) {
            if (i != 1) {
                assertThat(victims.get(i)).hasContent("precious " + i);
            }
        }
        assertThat(dangling).doesNotExist();
        for (Path output : finals) {
            assertThat(Files.isSymbolicLink(output)).as(output.toString()).isFalse();
            assertThat(Files.isRegularFile(output, LinkOption.NOFOLLOW_LINKS)).isTrue();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(output, LinkOption.NOFOLLOW_LINKS)))
                .as(output.toString())
                .isEqualTo("rw-------");
            assertThat(output.resolveSibling(output.getFileName() + ".part")).doesNotExist();
        }
        assertThat(fixture.lines(names.results())).hasSize(3);
        assertThat(fixture.lines(names.rejections())).hasSize(2);
    }

}
