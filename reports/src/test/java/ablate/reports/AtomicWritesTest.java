package ablate.reports;

import ablate.results.AtomicFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every results and report file is written atomically, with the permissions of any new file (the umask's). */
class AtomicWritesTest {
    @TempDir
    Path dir;

    /** What the umask gives a plain new file here (0644 under umask 022). */
    private Set<PosixFilePermission> umaskMode() throws IOException {
        Path probe = Files.createFile(dir.resolve("probe"));
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(probe);
        Files.delete(probe);
        return mode;
    }

    @Test
    void everyReportAndResultsFileHasTheUmaskModeAndNoTemporaryIsLeft() throws IOException {
        Set<PosixFilePermission> expected = umaskMode();
        assertThat(expected).contains(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        Path results = dir.resolve("results");
        Fixtures.writeRealistic(results);
        ReportWriter.write(results);
        ReportWriter.write(results);   // a rewrite replaces files, it must not change their mode either
        List<Path> files;
        try (Stream<Path> all = Files.walk(results)) {
            files = all.filter(Files::isRegularFile).toList();
        }
        assertThat(files).extracting(f -> f.getFileName().toString())
                .contains("index.html", "summary.json", "suite.json", "environment.properties", "categories.json")
                .noneMatch(AtomicFiles::isTemporary);
        assertThat(files).filteredOn(f -> f.toString().endsWith("-result.json")).isNotEmpty();
        for (Path f : files) {
            assertThat(Files.getPosixFilePermissions(f)).as(f.toString()).isEqualTo(expected);
        }
    }

    @Test
    void aFailedWriteKeepsThePreviousFileAndRemovesItsTemporary() throws IOException {
        Path file = dir.resolve("index.html");
        AtomicFiles.write(file, "old report".getBytes(StandardCharsets.UTF_8));
        // As a full disk would: the write fails half way.
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write("half a rep".getBytes(StandardCharsets.UTF_8));
            throw new IOException("No space left on device");
        })).isInstanceOf(UncheckedIOException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("No space left on device");
        assertThat(file).hasContent("old report");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactly(file);
        }
    }

    @Test
    void aFailedFirstWriteLeavesNothing() throws IOException {
        Path file = dir.resolve("sub").resolve("summary.json");
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            throw new IOException("No space left on device");
        })).isInstanceOf(UncheckedIOException.class);
        try (Stream<Path> left = Files.list(file.getParent())) {
            assertThat(left).isEmpty();
        }
    }
}
