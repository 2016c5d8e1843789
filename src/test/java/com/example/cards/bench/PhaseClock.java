package com.example.cards.bench;

import java.time.Duration;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Where the minimal job's single chunk step spends its time, so the benchmark can set it
 * beside the product's three steps: the time inside the reader (reading and parsing), the
 * processor, the table writer and the result-file writer. What the step spends outside
 * them (transaction commits, the job repository's chunk updates) is the step's time less
 * these four. The decorators pass the streams' callbacks through, so the step opens,
 * updates and closes the real reader and writers. Not thread-safe: the step runs on one
 * thread.
 */
final class PhaseClock {

    enum Phase {

        READ, PROCESS, WRITE_TABLE, WRITE_FILE

    }

    private final long[] nanos = new long[Phase.values().length];

    Duration spent(Phase phase) {
        return Duration.ofNanos(this.nanos[phase.ordinal()]);
    }

    private void add(Phase phase, long startNanos) {
        this.nanos[phase.ordinal()] += System.nanoTime() - startNanos;
    }

    <T> ItemStreamReader<T> reader(ItemStreamReader<T> delegate) {
        return new ItemStreamReader<>() {

            @Override
            public T read() throws Exception {
                long start = System.nanoTime();
                try {
                    return delegate.read();
                }
                finally {
                    add(Phase.READ, start);
                }
            }

            @Override
            public void open(ExecutionContext context) {
                delegate.open(context);
            }

            @Override
            public void update(ExecutionContext context) {
                delegate.update(context);
            }

            @Override
            public void close() {
                delegate.close();
            }

        };
    }

    <I, O> ItemProcessor<I, O> processor(ItemProcessor<I, O> delegate) {
        return (item) -> {
            long start = System.nanoTime();
            try {
                return delegate.process(item);
            }
            finally {
                add(Phase.PROCESS, start);
            }
        };
    }

    <T> ItemStreamWriter<T> writer(Phase phase, ItemWriter<T> delegate) {
        return new ItemStreamWriter<>() {

            @Override
            public void write(Chunk<? extends T> chunk) throws Exception {
                long start = System.nanoTime();
                try {
                    delegate.write(chunk);
                }
                finally {
                    add(phase, start);
                }
            }

            @Override
            public void open(ExecutionContext context) {
                if (delegate instanceof ItemStream stream) {
                    stream.open(context);
                }
            }

            @Override
            public void update(ExecutionContext context) {
                if (delegate instanceof ItemStream stream) {
                    stream.update(context);
                }
            }

            @Override
            public void close() {
                if (delegate instanceof ItemStream stream) {
                    stream.close();
                }
            }

        };
    }

}
