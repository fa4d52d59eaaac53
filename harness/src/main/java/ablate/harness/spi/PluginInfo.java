package ablate.harness.spi;

import java.util.List;
import java.util.Objects;

/**
 * What the harness, the CLI and the reports know of a plugin.
 *
 * @param id       unique id, {@code family.name} (e.g. {@code attention.cbam})
 * @param slot     the slot it fills (e.g. {@code attention}); a task declares which slots it has
 * @param family   grouping for listings (usually the slot)
 * @param summary  one line for {@code ablate list}
 * @param params   typed parameters with defaults and ranges
 * @param citation the paper (authors, title, venue, year)
 * @param claim    what the literature claims, checked by the report; null when there is none
 */
public record PluginInfo(String id, String slot, String family, String summary, List<Param> params,
                         String citation, Claim claim) {
    public PluginInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(slot, "slot");
        family = family == null ? slot : family;
        summary = summary == null ? "" : summary;
        params = List.copyOf(params == null ? List.of() : params);
        citation = citation == null ? "" : citation;
    }

    public static PluginInfo of(String id, String slot, String summary, String citation, Claim claim, Param... params) {
        return new PluginInfo(id, slot, slot, summary, List.of(params), citation, claim);
    }

    public Param param(String name) {
        return params.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }
}
