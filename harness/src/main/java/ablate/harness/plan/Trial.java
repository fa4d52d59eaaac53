package ablate.harness.plan;

import ablate.harness.spi.Params;
import ablate.harness.spi.Plugin;

import java.util.Map;

/**
 * One variant trained and evaluated with one seed.
 *
 * @param id      first 16 hex digits of the SHA-256 of {@code config}'s canonical JSON
 * @param variant variant name (sweeps expanded, e.g. {@code se[reduction=8]})
 * @param seed    the seed
 * @param slots   slot → plugin with resolved parameters
 * @param config  everything that determines the result, as plain data (what {@code id} hashes)
 */
public record Trial(String id, String variant, long seed, Map<String, Bound> slots, Map<String, Object> config) {

    /** A plugin and its parameter values for this trial. */
    public record Bound(Plugin plugin, Params params) {
    }
}
