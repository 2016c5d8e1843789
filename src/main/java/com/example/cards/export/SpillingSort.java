package com.example.cards.export;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;

import com.example.cards.crypto.OwnerOnlyFiles;
import com.example.cards.crypto.ScratchCipher;

/**
 * Sorts any number of items in bounded memory: up to {@code itemsInMemory} are held and
 * sorted in memory; beyond that, each full buffer is sorted and written as a run to a
 * scratch file, and the runs are merged as they are read back. Scratch files are
 * owner-only, in a directory of their own made in a given parent, encrypted under a key
 * that exists only in this object ({@link ScratchCipher}), and deleted by {@link #close}.
 *
 * <p>
 * Written here rather than taken from a library: the external sorts on offer (for example
 * Google's {@code externalsortinginjava}) write their runs as plain text, and these runs
 * hold names, phone numbers and addresses.
 *
 * @param <T> the items; equal items come out in the order they went in
 */
final class SpillingSort<T> implements AutoCloseable {

    /** How an item is written to a run and read back. */
    interface Codec<T> {

        void write(DataOutput out, T item) throws IOException;

        T read(DataInput in) throws IOException;

    }

    private static final int BUFFER_BYTES = 64 * 1024;

    private final Comparator<T> order;

    private final Codec<T> codec;

    private final int itemsInMemory;

    private final List<T> buffer = new ArrayList<>();

    private final List<Run> runs = new ArrayList<>();

    private final Path scratchParent;

    private ScratchCipher cipher;

    private Path directory;

    /**
     * A sort whose scratch directory, when it needs one, is made in
     * {@code scratchParent}.
     */
    SpillingSort(Comparator<T> order, Codec<T> codec, int itemsInMemory, Path scratchParent) {
        if (itemsInMemory < 1) {
            throw new IllegalArgumentException("itemsInMemory must be at least 1");
        }
        this.order = order;
        this.codec = codec;
        this.itemsInMemory = itemsInMemory;
        this.scratchParent = scratchParent;
    }

    void add(T item) {
        this.buffer.add(item);
        if (this.buffer.size() >= this.itemsInMemory) {
            spill();
        }
    }

    /** How many runs went to scratch files so far. */
    int runs() {
        return this.runs.size();
    }

    /** The scratch directory, or {@code null} while nothing has been spilled. */
    Path directory() {
        return this.directory;
    }

    /** Hands every item added, in order, to {@code action}; once. */
    void forEachSorted(Consumer<? super T> action) {
        if (this.runs.isEmpty()) {
            this.buffer.sort(this.order);
            this.buffer.forEach(action);
            this.buffer.clear();
            return;
        }
        if (!this.buffer.isEmpty()) {
            spill();
        }
        PriorityQueue<Run> heads = new PriorityQueue<>(
                Comparator.comparing((Run run) -> run.head, this.order).thenComparingInt((run) -> run.index));
        for (Run run : this.runs) {
            if (run.advance()) {
                heads.add(run);
            }
        }
        while (!heads.isEmpty()) {
            Run run = heads.poll();
            action.accept(run.head);
            if (run.advance()) {
                heads.add(run);
            }
        }
    }

    private void spill() {
        this.buffer.sort(this.order);
        Path file = null;
        try {
            if (this.directory == null) {
                this.directory = OwnerOnlyFiles.createTempDirectory(this.scratchParent, "issuance-sort-");
                this.cipher = new ScratchCipher();
            }
            file = this.directory.resolve(String.format("run-%05d", this.runs.size() + 1));
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                    this.cipher.encrypting(OwnerOnlyFiles.createNew(file, false)), BUFFER_BYTES))) {
                for (T item : this.buffer) {
                    this.codec.write(out, item);
                }
            }
            this.runs.add(new Run(this.runs.size(), file, this.buffer.size()));
            this.buffer.clear();
        }
        catch (IOException ex) {
            if (file != null) {
                try {
                    // a run cut short is not in runs, so close() would miss it
                    Files.deleteIfExists(file);
                }
                catch (IOException deleteFailure) {
                    ex.addSuppressed(deleteFailure);
                }
            }
            throw new UncheckedIOException(
                    "Could not write a sort's scratch file in " + this.directory + ": " + ex.getMessage(), ex);
        }
    }

    /** Closes the runs being read and deletes the scratch files and their directory. */
    @Override
    public void close() {
        this.buffer.clear();
        IOException failure = null;
        for (Run run : this.runs) {
            try {
                run.close();
                Files.deleteIfExists(run.file);
            }
            catch (IOException ex) {
                failure = ex;
            }
        }
        this.runs.clear();
        if (this.directory != null) {
            try {
                Files.deleteIfExists(this.directory);
            }
            catch (IOException ex) {
                failure = ex;
            }
        }
        if (failure != null) {
            throw new UncheckedIOException(
                    "Could not delete a sort's scratch files in " + this.directory + ": " + failure.getMessage(),
                    failure);
        }
    }

    /** One sorted run on disk, read back one item at a time. */
    private final class Run {

        private final int index;

        private final Path file;

        private long left;

        private DataInputStream in;

        private T head;

        Run(int index, Path file, long items) {
            this.index = index;
            this.file = file;
            this.left = items;
        }

        /**
         * Reads the next item into {@link #head}; {@code false} at the end of the run.
         */
        boolean advance() {
            try {
                if (this.left == 0) {
                    close();
                    return false;
                }
                if (this.in == null) {
                    this.in = new DataInputStream(new BufferedInputStream(
                            SpillingSort.this.cipher
                                .decrypting(new BufferedInputStream(Files.newInputStream(this.file), BUFFER_BYTES)),
                            BUFFER_BYTES));
                }
                this.head = SpillingSort.this.codec.read(this.in);
                this.left--;
                return true;
            }
            catch (IOException ex) {
                throw new UncheckedIOException(
                        "Could not read back the sort's scratch file " + this.file + ": " + ex.getMessage(), ex);
            }
        }

        void close() throws IOException {
            this.head = null;
            if (this.in != null) {
                this.in.close();
                this.in = null;
            }
        }

    }

}
