package ablate.reports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesAllThreeReports() throws Exception {
        Fixtures.writeRealistic(dir);
        Path index = ReportWriter.write(dir);
        assertThat(index).isEqualTo(dir.resolve("index.html"));
        String html = Files.readString(index);
        Path copy = Path.of("target/report-sample");
        Files.createDirectories(copy);
        Files.writeString(copy.resolve("index.html"), html);
        assertThat(html).contains("Summary");
    }
}
