package com.example.cards.stage;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits the request file into contiguous byte ranges, one per partition of the stage
 * step, each starting between two records at its own line number
 * ({@link RequestFileReader#split}). On a restart each unfinished partition resumes where
 * its reader stopped (Spring Batch gives a restarted partition its previous context, not
 * a new range).
 *
 * <p>
 * A stage step that an earlier version of the job started, staging on one thread, left
 * its file position in the step's own context and has no partitions to resume: split now,
 * the file would be staged again from its first record. Such a run is refused before
 * anything is staged, with a message that says to restart it with that version.
 */
public class RequestFilePartitioner implements Partitioner {

    /**
     * The key under which a stage step that read the file on one thread kept its
     * position.
     */
    public static final String SINGLE_READER_OFFSET = RequestFileReader.DEFAULT_OFFSET_KEY;

    private final Path file;

    private final Charset charset;

    private final ExecutionContext stepContext;

    /**
     * @param stepContext the execution context of the stage step (the partitions'
     * manager)
     */
    public RequestFilePartitioner(Path file, Charset charset, ExecutionContext stepContext) {
        this.file = file;
        this.charset = charset;
        this.stepContext = stepContext;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        if (stepContext.containsKey(SINGLE_READER_OFFSET)) {
            throw new IllegalStateException("This run was interrupted while staging under an earlier version of the "
                    + "job, which staged the file on one thread (up to byte "
                    + stepContext.getLong(SINGLE_READER_OFFSET)
                    + "). This version stages it in partitions and cannot resume that position, so nothing was staged."
                    + " Restart the run with the version that started it.");
        }
        List<RequestFileReader.Range> ranges = RequestFileReader.split(file, charset, gridSize);
        Map<String, ExecutionContext> partitions = new HashMap<>();
        for (int i = 0; i < ranges.size(); i++) {
            partitions.put("partition" + i, ranges.get(i).toContext());
        }
        return partitions;
    }

}
