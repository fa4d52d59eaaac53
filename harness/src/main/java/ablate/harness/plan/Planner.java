package ablate.harness.plan;

import ablate.harness.UserError;
import ablate.harness.discovery.PluginRegistry;
import ablate.harness.spi.Params;
import ablate.harness.spi.Plugin;
import ablate.harness.spi.SlotSpec;
import ablate.harness.spi.Task;
import ablate.harness.suite.Suite;
import ablate.results.SuiteInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Expands a suite into trials: sweeps into variants, variants × seeds into trials with content-hash ids. */
public final class Planner {
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final PluginRegistry registry;

    public Planner(PluginRegistry registry) {
        this.registry = registry;
    }

    public Plan plan(Suite suite) {
        Task task = registry.task(suite.task());
        Map<String, Suite.SlotChoice> baseline = suite.baseline();
        List<Expanded> expanded = new ArrayList<>();
        expanded.add(new Expanded(Suite.BASELINE, baseline, Map.of()));
        for (Suite.VariantSpec v : suite.variants()) {
            Map<String, Suite.SlotChoice> slots = new LinkedHashMap<>(baseline);
            slots.putAll(v.overrides());
            for (Map<String, Object> point : sweepPoints(v.overrides())) {
                expanded.add(new Expanded(nameOf(v.name(), point), applyPoint(slots, v.overrides(), point), v.overrides()));
            }
        }

        List<SuiteInfo.Variant> variants = new ArrayList<>();
        List<Trial> trials = new ArrayList<>();
        Map<String, String> seenConfig = new HashMap<>();
        for (Expanded e : expanded) {
            Map<String, Trial.Bound> bound = new LinkedHashMap<>();
            Map<String, Map<String, Object>> slotData = new TreeMap<>();
            for (var s : e.slots.entrySet()) {
                Plugin plugin = registry.plugin(s.getValue().pluginId());
                Params params = Params.resolve(plugin.info(), s.getValue().params());
                bound.put(s.getKey(), new Trial.Bound(plugin, params));
                Map<String, Object> data = new TreeMap<>(params.asMap());
                data.put("id", plugin.id());
                slotData.put(s.getKey(), data);
            }
            List<SuiteInfo.ClaimInfo> claims = new ArrayList<>();
            for (String slot : e.changed.keySet()) {
                Plugin p = bound.get(slot).plugin();
                if (p.info().claim() != null) {
                    claims.add(new SuiteInfo.ClaimInfo(p.id(), p.info().claim().metric(),
                            p.info().claim().direction().name(), p.info().claim().text()));
                }
            }
            variants.add(new SuiteInfo.Variant(e.name, new LinkedHashMap<>(slotData), claims));
            Map<String, Map<String, Object>> hashed = withoutLaterDefaults(task, slotData);
            for (long seed : suite.seeds()) {
                Map<String, Object> config = new TreeMap<>();
                config.put("task", suite.task());
                config.put("dataset", datasetMap(suite));
                config.put("budget", budgetMap(suite));
                config.put("options", suite.options());
                config.put("slots", hashed);
                config.put("seed", seed);
                String id = hash(config);
                String clash = seenConfig.put(id, e.name);
                if (clash != null) {
                    throw new UserError(suite.file() + ": variants '" + clash + "' and '" + e.name
                            + "' have the same configuration; remove one");
                }
                trials.add(new Trial(id, e.name, seed, bound, config));
            }
        }
        SuiteInfo info = new SuiteInfo(suite.name(), String.valueOf(suite.file()), suite.task(), task.primaryMetric(),
                List.of(), Suite.BASELINE, variants, suite.seeds(), datasetMap(suite), budgetMap(suite))
                .withMetrics(task.metrics()).withDescription(suite.description());
        return new Plan(suite, info, variants, trials);
    }

    /**
     * The slots that determine a trial's configuration: all of them but a slot {@link SlotSpec#addedLater} that has
     * its default plugin at its default parameters, which the trials before the slot existed ran without.
     */
    private Map<String, Map<String, Object>> withoutLaterDefaults(Task task, Map<String, Map<String, Object>> slots) {
        Map<String, Map<String, Object>> out = new TreeMap<>(slots);
        for (SlotSpec spec : task.slots()) {
            Map<String, Object> data = out.get(spec.name());
            if (spec.addedLater() && data != null && spec.defaultPlugin().equals(data.get("id"))) {
                Map<String, Object> defaults = new TreeMap<>(Params.defaults(registry.plugin(spec.defaultPlugin()).info()).asMap());
                defaults.put("id", spec.defaultPlugin());
                if (defaults.equals(data)) {
                    out.remove(spec.name());
                }
            }
        }
        return out;
    }

    private static Map<String, Object> datasetMap(Suite suite) {
        Map<String, Object> m = new TreeMap<>(suite.dataset().options());
        m.put("name", suite.dataset().name());
        m.put("source", suite.dataset().source());
        m.put("train", suite.dataset().train());
        m.put("test", suite.dataset().test());
        return m;
    }

    private static Map<String, Object> budgetMap(Suite suite) {
        var b = suite.budget();
        Map<String, Object> m = new TreeMap<>();
        m.put("epochs", b.epochs());
        m.put("batch", b.batchSize());
        m.put("lr", b.learningRate());
        m.put("schedule", b.schedule());
        m.put("optimizer", b.optimizer());
        m.put("weight-decay", b.weightDecay());
        return m;
    }

    /** Every combination of the swept parameters ("slot.param" → value); one empty point when nothing is swept. */
    static List<Map<String, Object>> sweepPoints(Map<String, Suite.SlotChoice> overrides) {
        List<Map<String, Object>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (var s : overrides.entrySet()) {
            for (var p : s.getValue().params().entrySet()) {
                if (!(p.getValue() instanceof List<?> values)) {
                    continue;
                }
                List<Map<String, Object>> next = new ArrayList<>();
                for (Map<String, Object> point : points) {
                    for (Object v : values) {
                        Map<String, Object> q = new LinkedHashMap<>(point);
                        q.put(s.getKey() + "." + p.getKey(), v);
                        next.add(q);
                    }
                }
                points = next;
            }
        }
        return points;
    }

    private static Map<String, Suite.SlotChoice> applyPoint(Map<String, Suite.SlotChoice> slots,
                                                            Map<String, Suite.SlotChoice> overrides,
                                                            Map<String, Object> point) {
        Map<String, Suite.SlotChoice> out = new LinkedHashMap<>(slots);
        for (var s : overrides.entrySet()) {
            Map<String, Object> params = new LinkedHashMap<>(s.getValue().params());
            point.forEach((k, v) -> {
                if (k.startsWith(s.getKey() + ".")) {
                    params.put(k.substring(s.getKey().length() + 1), v);
                }
            });
            out.put(s.getKey(), new Suite.SlotChoice(s.getValue().pluginId(), params));
        }
        return out;
    }

    private static String nameOf(String variant, Map<String, Object> point) {
        if (point.isEmpty()) {
            return variant;
        }
        List<String> parts = new ArrayList<>();
        // numbers as a person writes them: lambda=1e-4, not Java's lambda=1.0E-4
        point.forEach((k, v) -> parts.add(k.substring(k.indexOf('.') + 1) + "=" + ablate.reports.Format.value(v)));
        return variant + "[" + String.join(",", parts) + "]";
    }

    static String hash(Map<String, Object> config) {
        try {
            byte[] json = CANONICAL.writeValueAsString(config).getBytes(StandardCharsets.UTF_8);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Expanded(String name, Map<String, Suite.SlotChoice> slots, Map<String, Suite.SlotChoice> changed) {
    }

}
