package com.example.cards.job;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.example.cards.request.RequestFileReader;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits the request file into contiguous byte ranges, one per partition of the stage step, each starting between two
 * records at its own line number ({@link RequestFileReader#split}). The ranges are fixed when the step first starts; a
 * restart resumes each unfinished partition where its reader stopped.
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
