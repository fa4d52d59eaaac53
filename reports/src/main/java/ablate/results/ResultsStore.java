package ablate.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A results directory: {@code suite.json} plus one {@code trials/<id>.json} per finished trial.
 * Every file is written through {@link AtomicFiles}, so a killed run leaves no half file.
 */
public final class ResultsStore {
    public static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path root;

    public ResultsStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path trialsDir() {
        return root.resolve("trials");
    }

    public void writeSuite(SuiteInfo suite) {
        writeAtomically(root.resolve("suite.json"), suite);
    }

    public SuiteInfo readSuite() {
        return read(root.resolve("suite.json"), SuiteInfo.class);
    }

    public void write(TrialResult result) {
        writeAtomically(trialsDir().resolve(result.id() + ".json"), result);
    }

    public Optional<TrialResult> find(String trialId) {
        Path file = trialsDir().resolve(trialId + ".json");
        return Files.isRegularFile(file) ? Optional.of(read(file, TrialResult.class)) : Optional.empty();
    }

    /** Every finished trial, sorted by variant then seed. */
    public List<TrialResult> readAll() {
        if (!Files.isDirectory(trialsDir())) {
            return List.of();
        }
        List<TrialResult> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(trialsDir())) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".json"))::iterator) {
                all.add(read(f, TrialResult.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        all.sort(Comparator.comparing(TrialResult::variant).thenComparingLong(TrialResult::seed));
        return all;
    }

    /** Writes {@code value} as JSON to {@code file} atomically, see {@link AtomicFiles}. */
    public static void writeAtomically(Path file, Object value) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(file, bytes);
    }

    private static <T> T read(Path file, Class<T> type) {
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
