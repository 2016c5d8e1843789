package com.example.cards.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Exclusive, owner-only creation; links replaced, never followed. */
class OwnerOnlyFilesTests {

    @TempDir
    Path dir;

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aLinkAtTheNameIsReplacedNotFollowed() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim"), "precious");
        Path name = Files.createSymbolicLink(dir.resolve("out.part"), victim);
        OwnerOnlyFiles.writeNew(name, "new".getBytes(StandardCharsets.UTF_8), false);
        assertThat(victim).hasContent("precious");
        assertThat(Files.isSymbolicLink(name)).isFalse();
        assertThat(name).hasContent("new");
        assertThat(mode(name)).isEqualTo("rw-------");

        Path target = Files.createSymbolicLink(dir.resolve("out"), victim);
        OwnerOnlyFiles.moveIntoPlace(name, target);
        assertThat(victim).hasContent("precious");
        assertThat(Files.isSymbolicLink(target)).isFalse();
        assertThat(target).hasContent("new");
    }

    @Test
    void groupReadableWhenAsked() throws Exception {
        Path file = dir.resolve("shared");
        OwnerOnlyFiles.writeNew(file, new byte[0], true);
        assertThat(mode(file)).isEqualTo("rw-r-----");
    }

    @Test
    void missingDirectoriesAreCreatedOwnerOnlyAndExistingOnesLeftAlone() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path deep = dir.resolve("a/b/c");
        OwnerOnlyFiles.createDirectories(deep);
        assertThat(mode(dir.resolve("a"))).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("a/b"))).isEqualTo("rwx------");
        assertThat(mode(deep)).isEqualTo("rwx------");
        assertThat(mode(dir)).isEqualTo("rwxr-xr-x");
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> OwnerOnlyFiles.createDirectories(file.resolve("sub"))).isInstanceOf(IOException.class);
    }

    @Test
    void aDirectoryInTheWayIsRefused() throws Exception {
        Path directory = Files.createDirectory(dir.resolve("out.part"));
        assertThatThrownBy(() -> {
            try (OutputStream out = OwnerOnlyFiles.createNew(directory, false)) {
                out.write(1);
            }
        }).isInstanceOf(IOException.class);
    }

}
