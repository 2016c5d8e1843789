package com.example.cards.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import com.example.cards.export.ClaimScope;
import com.example.cards.export.OutputNames;

/**
 * Makes a run fail in its export step, after its launch passed the output-directory
 * check: a directory stands at the final name of every summary a run of the batch could
 * write (issue, staging claim, first rerun, preview), and an output is never moved onto a
 * directory. {@link #unblock} removes them, so the failed run can be restarted.
 */
public final class ExportBlocker {

    private final List<Path> planted;

    private ExportBlocker(List<Path> planted) {
        this.planted = planted;
    }

    public static ExportBlocker block(Path outputDir, String batchId, LocalDate runDate) throws IOException {
        OutputNames names = new OutputNames(outputDir, batchId);
        List<Path> planted = List.of(names.summary(), names.rerun(1).summary(), names.preview().summary(),
                new OutputNames(outputDir, new ClaimScope(batchId, runDate).outputStem()).summary());
        for (Path path : planted) {
            Files.createDirectories(path);
        }
        return new ExportBlocker(planted);
    }

    public void unblock() throws IOException {
        for (Path path : planted) {
            Files.deleteIfExists(path);
        }
    }

}
