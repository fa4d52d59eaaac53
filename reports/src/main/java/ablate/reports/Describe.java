package ablate.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** Plain-text descriptions of the suite's nested maps (slots, dataset, budget), shared by the reports. */
final class Describe {
    private Describe() {
    }

    /** {@code attention: attention.se (reduction=8)} per slot, joined by {@code ; }. */
    static String slots(Map<String, Map<String, Object>> slots) {
        if (slots == null || slots.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        slots.forEach((slot, spec) -> parts.add(slot + ": " + plugin(spec)));
        return String.join("; ", parts);
    }

    /** A slot's plugin id (key {@code plugin} or {@code id}) followed by its other settings in parentheses. */
    static String plugin(Map<String, Object> spec) {
        if (spec == null) {
            return "";
        }
        Object id = spec.containsKey("plugin") ? spec.get("plugin") : spec.get("id");
        List<String> params = new ArrayList<>();
        leaves("", spec, (k, v) -> {
            if (!k.equals("plugin") && !k.equals("id")) {
                params.add(k.replaceFirst("^params\\.", "") + "=" + v);
            }
        });
        String rest = params.isEmpty() ? "" : "(" + String.join(", ", params) + ")";
        return id == null ? rest : rest.isEmpty() ? String.valueOf(id) : id + " " + rest;
    }

    /** {@code key: value} pairs joined by {@code  · }. */
    static String map(Map<String, Object> m) {
        List<String> parts = new ArrayList<>();
        if (m != null) {
            leaves("", m, (k, v) -> parts.add(k + ": " + v));
        }
        return String.join(" · ", parts);
    }

    /** The dataset as {@link #map} shows it, with a train or test size of 0 (the whole split) shown as {@code all}. */
    static String dataset(Map<String, Object> dataset) {
        if (dataset == null) {
            return "";
        }
        Map<String, Object> shown = new java.util.LinkedHashMap<>(dataset);
        for (String split : List.of("train", "test")) {
            if (shown.get(split) instanceof Number n && n.doubleValue() == 0) {
                shown.put(split, "all");
            }
        }
        return map(shown);
    }

    /** Every leaf of a nested map as (dotted key, value). */
    static void leaves(String prefix, Map<?, ?> m, BiConsumer<String, String> out) {
        m.forEach((k, v) -> {
            String key = prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k;
            if (v instanceof Map<?, ?> inner) {
                leaves(key, inner, out);
            } else {
                out.accept(key, Format.value(v));
            }
        });
    }
}
