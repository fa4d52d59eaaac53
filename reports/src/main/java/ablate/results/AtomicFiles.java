package ablate.results;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file all at once or not at all: into a temporary file in the same directory, then renamed over the
 * target. A reader (a browser on index.html, a resumed run on a trial file) never sees a half-written file, a
 * full disk or a killed process leaves the previous version (or nothing), and a failed write removes its
 * temporary file.
 *
 * <p>The temporary file is created with the default permissions, so the umask applies as to any new file
 * (0644 under umask 022). {@link Files#createTempFile} would make it 0600, and the rename keeps the mode, so
 * reports served by a web server or read by a CI user other than the writer became unreadable.
 */
public final class AtomicFiles {
    /** Temporary files are {@code .<name>.<random>.tmp}: hidden, and recognisable as ours by {@link #isTemporary}. */
    static final String TMP_SUFFIX = ".tmp";

    private AtomicFiles() {
    }

    /** What writes the content; it must not close the stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path file, byte[] bytes) {
        write(file, out -> out.write(bytes));
    }

    /** Writes {@code file} atomically, creating its directory if needed; an I/O error names the file. */
    public static void write(Path file, Content content) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = createTemporary(dir, file.getFileName().toString());
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
                content.writeTo(out);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // Nothing more to do: the write already failed and says so; the name marks it as ours.
                }
            }
        }
    }

    /** Whether {@code name} is a temporary file this class creates (left only by a killed process). */
    public static boolean isTemporary(String name) {
        return name.startsWith(".") && name.endsWith(TMP_SUFFIX);
    }

    private static Path createTemporary(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + name + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                    + TMP_SUFFIX);
            try {
                // No FileAttribute: the file gets 0666 less the umask, as Files.write would give the final file.
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }
}
