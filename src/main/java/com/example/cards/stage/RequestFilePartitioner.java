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
 */
public class RequestFilePartitioner implements Partitioner {

    private final Path file;

    private final Charset charset;

    public RequestFilePartitioner(Path file, Charset charset) {
        this.file = file;
        this.charset = charset;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        List<RequestFileReader.Range> ranges = RequestFileReader.split(file, charset, gridSize);
        Map<String, ExecutionContext> partitions = new HashMap<>();
        for (int i = 0; i < ranges.size(); i++) {
            partitions.put("partition" + i, ranges.get(i).toContext());
        }
        return partitions;
    }

}
