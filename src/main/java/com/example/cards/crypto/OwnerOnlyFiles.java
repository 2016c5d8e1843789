package com.example.cards.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * The one place where files that hold personal data or keys are created: outputs, their
 * temporary files, the keystore, the embedded database's directory, a sort's scratch
 * files.
 * <ul>
 * <li>A file is created new ({@code O_CREAT|O_EXCL}, never through a link): whatever is
 * at its name (a link planted there, a file left by a crash) is removed first, itself and
 * not what it points to, and if something appears again the creation fails instead of
 * following it.</li>
 * <li>Permissions are set explicitly after creation, so the umask cannot widen them:
 * files 0600 (0640 when group-readable outputs are configured), directories 0700.</li>
 * <li>{@link #moveIntoPlace} renames atomically; a link at the final name is replaced,
 * never followed.</li>
 * </ul>
 * On a file system without POSIX permissions only the exclusive creation applies.
 */
public final class OwnerOnlyFiles {

    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private static final Set<PosixFilePermission> GROUP_FILE = PosixFilePermissions.fromString("rw-r-----");

    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private OwnerOnlyFiles() {
    }

    /**
     * Creates {@code dir} and any missing parent, each one owner-only (0700); directories
     * that exist are left as they are.
     * @throws IOException if a part of the path exists and is not a directory
     */
    public static void createDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = absolute; p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.push(p);
        }
        while (!missing.isEmpty()) {
            Path next = missing.pop();
            try {
                if (posix(next.getParent())) {
                    Files.createDirectory(next, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
                    setPermissions(next, OWNER_DIRECTORY);
                }
                else {
                    Files.createDirectory(next);
                }
            }
            catch (FileAlreadyExistsException ex) {
                if (!Files.isDirectory(next)) {
                    throw ex;
                }
                // another process created it meanwhile: theirs stands
            }
        }
    }

    /**
     * Creates a new, owner-only (0700) directory in {@code parent} with a random name
     * that starts with {@code prefix}.
     */
    public static Path createTempDirectory(Path parent, String prefix) throws IOException {
        Path dir = posix(parent)
                ? Files.createTempDirectory(parent, prefix, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY))
                : Files.createTempDirectory(parent, prefix);
        restrict(dir);
        return dir;
    }

    /**
     * Opens {@code file} for writing as a new, owner-only file (0600, or 0640 when
     * {@code groupReadable}). Whatever is at that name is removed first; a link is
     * removed, never followed.
     */
    public static OutputStream createNew(Path file, boolean groupReadable) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(file + " is a directory");
        }
        Files.deleteIfExists(file); // removes a link itself, not its target
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        if (!posix(parent)) {
            return Channels.newOutputStream(Files.newByteChannel(file, options));
        }
        FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_FILE);
        OutputStream out = Channels.newOutputStream(Files.newByteChannel(file, options, ownerOnly));
        try {
            setPermissions(file, groupReadable ? GROUP_FILE : OWNER_FILE);
        }
        catch (IOException ex) {
            out.close();
            throw ex;
        }
        return out;
    }

    /** Writes {@code content} to a new owner-only file (see {@link #createNew}). */
    public static void writeNew(Path file, byte[] content, boolean groupReadable) throws IOException {
        try (OutputStream out = createNew(file, groupReadable)) {
            out.write(content);
        }
    }

    /**
     * Renames {@code temporary} to {@code target} atomically. A link at {@code target} is
     * replaced by the file, and its target is left untouched.
     */
    public static void moveIntoPlace(Path temporary, Path target) throws IOException {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(target + " is a directory");
        }
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Makes an existing file owner-only (0600), or a directory 0700; a link is left
     * alone. For files another program created (the embedded database's).
     */
    public static void restrict(Path path) throws IOException {
        if (!posix(path) || Files.isSymbolicLink(path)) {
            return;
        }
        setPermissions(path, Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? OWNER_DIRECTORY : OWNER_FILE);
    }

    private static void setPermissions(Path path, Set<PosixFilePermission> permissions) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        view.setPermissions(permissions);
    }

    private static boolean posix(Path path) {
        Path probe = path == null ? Path.of("").toAbsolutePath() : path;
        return probe.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

}
