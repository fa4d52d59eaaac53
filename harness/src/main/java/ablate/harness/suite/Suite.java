package ablate.harness.suite;

import ablate.harness.spi.Budget;
import ablate.harness.spi.DatasetSpec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A validated suite file.
 *
 * @param baseline slot → choice for the baseline (every slot of the task, defaults filled in)
 * @param variants the non-baseline variants, each a set of slot overrides (sweeps not yet expanded)
 */
public record Suite(Path file, String name, String description, String task, DatasetSpec dataset,
                    Map<String, SlotChoice> baseline, List<VariantSpec> variants, List<Long> seeds, Budget budget,
                    Duration timeout, Map<String, Object> options) {

    /**
     * A plugin chosen for a slot. A parameter value that is a {@link List} is a sweep.
     */
    public record SlotChoice(String pluginId, Map<String, Object> params) {
    }

    /** A named variant: the slots it changes relative to the baseline. */
    public record VariantSpec(String name, Map<String, SlotChoice> overrides) {
    }

    public static final String BASELINE = "baseline";
}
