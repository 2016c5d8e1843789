package com.example.cards.export;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A sort larger than its memory: the items come out in order whatever the number of runs,
 * and its scratch files are owner-only, never hold an item in the clear, and are gone
 * when it closes.
 */
class SpillingSortTests {

    record Item(int key, int seq, String text) {
    }

    private static final Comparator<Item> BY_KEY = Comparator.comparingInt(Item::key);

    private static final SpillingSort.Codec<Item> CODEC = new SpillingSort.Codec<>() {

        @Override
        public void write(DataOutput out, Item item) throws IOException {
            out.writeInt(item.key());
            out.writeInt(item.seq());
            out.writeUTF(item.text());
        }

        @Override
        public Item read(DataInput in) throws IOException {
            return new Item(in.readInt(), in.readInt(), in.readUTF());
        }

    };

    private static List<Item> items(int count, int keys) {
        Random random = new Random(42);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(new Item(random.nextInt(keys), i, "홍길동 서울특별시 " + i));
        }
        return items;
    }

    @TempDir
    Path parent;

    private List<Item> sorted(List<Item> items, int inMemory) {
        List<Item> out = new ArrayList<>();
        try (SpillingSort<Item> sort = new SpillingSort<>(BY_KEY, CODEC, inMemory, this.parent)) {
            items.forEach(sort::add);
            sort.forEachSorted(out::add);
        }
        return out;
    }

    @Test
    void itemsComeOutInOrderAndEqualItemsInTheOrderTheyWentInWhateverTheNumberOfRuns() {
        List<Item> items = items(5_000, 300);
        List<Item> expected = new ArrayList<>(items);
        expected.sort(BY_KEY); // a stable sort: equal keys keep their input order
        for (int inMemory : new int[] { 1, 7, 64, 4_999, 5_000, 100_000 }) {
            assertThat(sorted(items, inMemory)).as("%d in memory", inMemory).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void nothingAddedGivesNothingAndNoScratchDirectory() {
        try (SpillingSort<Item> sort = new SpillingSort<>(BY_KEY, CODEC, 10, this.parent)) {
            List<Item> out = new ArrayList<>();
            sort.forEachSorted(out::add);
            assertThat(out).isEmpty();
            assertThat(sort.directory()).isNull();
        }
    }

    @Test
    void aSortThatFitsInMemoryWritesNoFile() {
        try (SpillingSort<Item> sort = new SpillingSort<>(BY_KEY, CODEC, 100, this.parent)) {
            items(99, 10).forEach(sort::add);
            assertThat(sort.runs()).isZero();
            assertThat(sort.directory()).isNull();
        }
    }

    @Test
    void scratchFilesAreOwnerOnlyEncryptedAndDeletedOnClose() throws Exception {
        Path directory;
        try (SpillingSort<Item> sort = new SpillingSort<>(BY_KEY, CODEC, 100, this.parent)) {
            items(1_000, 10).forEach(sort::add);
            assertThat(sort.runs()).isEqualTo(10);
            directory = sort.directory();
            assertThat(directory.getParent()).isEqualTo(this.parent);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
            byte[] marker = "홍길동 서울특별시".getBytes(StandardCharsets.UTF_8);
            try (Stream<Path> files = Files.list(directory)) {
                List<Path> runs = files.toList();
                assertThat(runs).hasSize(10);
                for (Path run : runs) {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run)))
                        .isEqualTo("rw-------");
                    byte[] content = Files.readAllBytes(run);
                    assertThat(content.length).isGreaterThan(100 * marker.length);
                    assertThat(indexOf(content, marker)).as("plaintext in %s", run).isEqualTo(-1);
                }
            }
            List<Item> out = new ArrayList<>();
            sort.forEachSorted(out::add);
            assertThat(out).hasSize(1_000);
        }
        assertThat(directory).doesNotExist();
    }

    @Test
    void closingBeforeReadingToTheEndDeletesTheScratchFilesToo() throws Exception {
        try (SpillingSort<Item> sort = new SpillingSort<>(BY_KEY, CODEC, 10, this.parent)) {
            items(100, 10).forEach(sort::add);
            assertThat(sort.directory()).isNotNull();
            assertThatIllegalStateException().isThrownBy(() -> sort.forEachSorted((item) -> {
                if (item.key() > 4) {
                    throw new IllegalStateException("the writer failed");
                }
            }));
        }
        try (Stream<Path> left = Files.list(this.parent)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aRunCutShortByAFailedWriteIsDeletedToo() throws Exception {
        SpillingSort.Codec<Item> failing = new SpillingSort.Codec<>() {

            @Override
            public void write(DataOutput out, Item item) throws IOException {
                if (item.seq() == 15) {
                    throw new IOException("No space left on device");
                }
                CODEC.write(out, item);
            }

            @Override
            public Item read(DataInput in) throws IOException {
                return CODEC.read(in);
            }

        };
        try (SpillingSort<Item> sort = new SpillingSort<>(BY_KEY, failing, 10, this.parent)) {
            List<Item> items = items(20, 10);
            assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> items.forEach(sort::add))
                .withMessageContaining("No space left on device");
        }
        try (Stream<Path> left = Files.list(this.parent)) {
            assertThat(left).isEmpty();
        }
    }

    private static int indexOf(byte[] content, byte[] marker) {
        outer: for (int i = 0; i <= content.length - marker.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (content[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

}
