package ablate.harness.spi;

import java.util.Map;

/**
 * A suite's dataset: name plus subset sizes and dataset-specific options (e.g. {@code imbalance: 100}).
 *
 * @param name   e.g. {@code fashion-mnist}
 * @param source {@code embedded} (the subset shipped in the jar), {@code full} (the IDX files) or {@code auto}
 * @param train  training examples to use (0 = all available)
 * @param test   test examples to use (0 = all available)
 */
public record DatasetSpec(String name, String source, int train, int test, Map<String, Object> options) {
    public DatasetSpec {
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
