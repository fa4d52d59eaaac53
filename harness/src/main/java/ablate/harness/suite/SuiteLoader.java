package ablate.harness.suite;

import ablate.harness.UserError;
import ablate.harness.discovery.PluginRegistry;
import ablate.harness.discovery.Suggestions;
import ablate.harness.spi.Budget;
import ablate.harness.spi.DatasetSpec;
import ablate.harness.spi.Param;
import ablate.harness.spi.Plugin;
import ablate.harness.spi.SlotSpec;
import ablate.harness.spi.Task;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a suite YAML file and validates it against the registry. Every error names the file, the line and
 * the key, and suggests the nearest valid name on a typo.
 */
public final class SuiteLoader extends NodeReader {
    private static final List<String> TOP_KEYS = List.of("name", "description", "task", "dataset", "model",
            "baseline", "variants", "seeds", "budget", "timeout", "options", "gate");
    private static final List<String> DATASET_KEYS = List.of("name", "source", "train", "test");
    private static final List<String> BUDGET_KEYS = List.of("epochs", "batch", "lr", "schedule", "optimizer",
            "weight-decay");
    private static final List<String> SOURCES = List.of("embedded", "full", "auto");
    private static final List<String> SCHEDULES = List.of("constant", "cosine", "step");
    private static final List<String> OPTIMIZERS = List.of("sgd", "adam");

    private final PluginRegistry registry;
    /** Where each slot choice was read: key ({@code model}, {@code baseline.attention}, ...) to its node. */
    private final Map<String, Node> positions = new LinkedHashMap<>();

    public SuiteLoader(PluginRegistry registry) {
        this.registry = registry;
    }

    public Suite load(Path path) {
        this.file = path;
        positions.clear();
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new UserError(path + ": no such suite file");
        } catch (IOException e) {
            throw new UserError(path + ": cannot read: " + e.getMessage());
        }
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new UserError(path + ":" + line + ": malformed YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new UserError(path + ": malformed YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(root instanceof MappingNode top)) {
            throw new UserError(path + ":1: a suite must be a YAML mapping (name:, task:, dataset:, ...)");
        }
        return parse(top);
    }

    private Suite parse(MappingNode top) {
        Map<String, Node> keys = entries(top, "", TOP_KEYS);
        String name = keys.containsKey("name") ? string(keys.get("name"), "name")
                : file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        checkName(name, keys.get("name"));
        String description = keys.containsKey("description") ? string(keys.get("description"), "description") : "";
        Node taskNode = require(keys, top, "task");
        String taskId = string(taskNode, "task");
        Task task = registry.taskMap().get(taskId);
        if (task == null) {
            throw error(taskNode, "task", "unknown task '" + taskId + "'"
                    + Suggestions.didYouMean(taskId, registry.taskMap().keySet()));
        }
        DatasetSpec dataset = dataset(require(keys, top, "dataset"), task);

        Map<String, SlotSpec> slots = new LinkedHashMap<>();
        task.slots().forEach(s -> slots.put(s.name(), s));
        Map<String, Suite.SlotChoice> baseline = new LinkedHashMap<>();
        for (SlotSpec s : task.slots()) {
            baseline.put(s.name(), new Suite.SlotChoice(s.defaultPlugin(), Map.of()));
        }
        if (keys.containsKey("model")) {
            if (!slots.containsKey("model")) {
                throw error(keys.get("model"), "model", "task '" + taskId + "' has no model slot");
            }
            baseline.put("model", choice(keys.get("model"), "model", slots.get("model"), false));
        }
        if (keys.containsKey("baseline")) {
            baseline.putAll(slotMap(keys.get("baseline"), "baseline", slots, false));
        }
        List<Suite.VariantSpec> variants = new ArrayList<>();
        if (keys.containsKey("variants")) {
            MappingNode vs = mapping(keys.get("variants"), "variants");
            for (NodeTuple t : vs.getValue()) {
                String vname = string(t.getKeyNode(), "variants");
                if (vname.equals(Suite.BASELINE)) {
                    throw error(t.getKeyNode(), "variants." + vname, "'baseline' is reserved; set it with the top-level baseline: key");
                }
                variants.add(new Suite.VariantSpec(vname, slotMap(t.getValueNode(), "variants." + vname, slots, true)));
            }
        }
        checkIgnoredSlots(slots, baseline, variants);
        List<Long> seeds = seeds(keys.get("seeds"));
        Budget budget = budget(keys.get("budget"));
        Duration timeout = keys.containsKey("timeout") ? duration(keys.get("timeout")) : Duration.ofMinutes(30);
        Map<String, Object> options = keys.containsKey("options") ? plainMap(keys.get("options"), "options") : Map.of();
        if (keys.containsKey("gate")) {
            checkGate(keys.get("gate"), task);
        }
        return new Suite(file, name, description, taskId, dataset, baseline, variants, seeds, budget, timeout, options);
    }

    /** {@code gate: {metric: {max-drop: x}}} is read by {@code ablate compare}; checked here so a typo fails at once. */
    private void checkGate(Node node, Task task) {
        entries(mapping(node, "gate"), "gate.", List.copyOf(task.metrics().keySet())).forEach((m, spec) ->
                entries(mapping(spec, "gate." + m), "gate." + m + ".", List.of("max-drop")).forEach((k, v) ->
                        number(v, "gate." + m + "." + k, 0, Double.MAX_VALUE)));
    }

    /** The name is the default results directory, {@code results/<name>}: it must stay one directory there. */
    private void checkName(String name, Node node) {
        if (name.isBlank() || name.equals(".") || name.contains("..") || name.contains("/") || name.contains("\\")
                || name.chars().anyMatch(Character::isISOControl)) {
            throw error(node, "name", "'" + name + "' cannot name the results directory (results/<name>): use no '/', "
                    + "'\\', '..' or control characters");
        }
    }

    /**
     * A slot set beside a plugin that ignores it ({@link Plugin#ignoredSlots}) makes variants that differ only in
     * name. The baseline may not set such a slot, nor a variant one that its own configuration ignores; a variant
     * that changes the ignoring plugin itself (e.g. {@code model: model.lenet5} against a baseline with
     * attention) is a fair comparison and stays allowed.
     */
    private void checkIgnoredSlots(Map<String, SlotSpec> slots, Map<String, Suite.SlotChoice> baseline,
                                   List<Suite.VariantSpec> variants) {
        Map<String, String> setInBaseline = new LinkedHashMap<>();
        for (String slot : slots.keySet()) {
            for (String where : List.of(Suite.BASELINE + "." + slot, slot)) {
                if (positions.containsKey(where)) {
                    setInBaseline.putIfAbsent(slot, where);
                }
            }
        }
        checkIgnoredSlots(slots, baseline, setInBaseline);
        for (Suite.VariantSpec v : variants) {
            Map<String, Suite.SlotChoice> config = new LinkedHashMap<>(baseline);
            config.putAll(v.overrides());
            Map<String, String> setHere = new LinkedHashMap<>();
            v.overrides().keySet().forEach(slot -> setHere.put(slot, "variants." + v.name() + "." + slot));
            checkIgnoredSlots(slots, config, setHere);
        }
    }

    private void checkIgnoredSlots(Map<String, SlotSpec> slots, Map<String, Suite.SlotChoice> config,
                                   Map<String, String> setHere) {
        for (Map.Entry<String, Suite.SlotChoice> e : config.entrySet()) {
            Plugin plugin = registry.plugin(e.getValue().pluginId());
            for (String ignored : plugin.ignoredSlots()) {
                Suite.SlotChoice choice = config.get(ignored);
                String where = setHere.get(ignored);
                SlotSpec spec = slots.get(ignored);
                if (where == null || choice == null || spec == null
                        || (choice.pluginId().equals(spec.defaultPlugin()) && choice.params().isEmpty())) {
                    continue;
                }
                throw error(positions.get(where), where, "'" + plugin.id() + "' (slot " + e.getKey() + ") ignores the "
                        + ignored + " slot, so '" + choice.pluginId() + "' would change nothing; remove it or choose a "
                        + e.getKey() + " that uses it");
            }
        }
    }

    private DatasetSpec dataset(Node node, Task task) {
        if (node instanceof ScalarNode) {
            return datasetSpec(node, string(node, "dataset"), "auto", 0, 0, Map.of(), task);
        }
        MappingNode m = mapping(node, "dataset");
        Map<String, Node> raw = new LinkedHashMap<>();
        Map<String, Object> options = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String k = string(t.getKeyNode(), "dataset");
            if (DATASET_KEYS.contains(k)) {
                raw.put(k, t.getValueNode());
            } else {
                options.put(k, scalarOrList(t.getValueNode(), "dataset." + k));
            }
        }
        String name = string(require(raw, m, "dataset.name"), "dataset.name");
        String source = raw.containsKey("source") ? choiceOf(raw.get("source"), "dataset.source", SOURCES) : "auto";
        // train/test are subset sizes; a task whose data are folders (super-resolution) takes a path there instead,
        // handed to it as the option of the same name.
        for (String split : List.of("train", "test")) {
            if (raw.get(split) instanceof ScalarNode v && !v.getValue().strip().matches("[+-]?[0-9]+")) {
                options.put(split, v.getValue());
                raw.remove(split);
            }
        }
        int train = raw.containsKey("train") ? intIn(raw.get("train"), "dataset.train", 0, Integer.MAX_VALUE) : 0;
        int test = raw.containsKey("test") ? intIn(raw.get("test"), "dataset.test", 0, Integer.MAX_VALUE) : 0;
        return datasetSpec(m, name, source, train, test, options, task);
    }

    private DatasetSpec datasetSpec(Node at, String name, String source, int train, int test,
                                    Map<String, Object> options, Task task) {
        if (!task.datasets().contains(name)) {
            throw error(at, "dataset.name", "task '" + task.id() + "' has no dataset '" + name + "'"
                    + Suggestions.didYouMean(name, task.datasets()) + " (available: " + String.join(", ", task.datasets()) + ")");
        }
        return new DatasetSpec(name, source, train, test, options);
    }

    private Map<String, Suite.SlotChoice> slotMap(Node node, String where, Map<String, SlotSpec> slots, boolean sweeps) {
        MappingNode m = mapping(node, where);
        Map<String, Suite.SlotChoice> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String slot = string(t.getKeyNode(), where);
            SlotSpec spec = slots.get(slot);
            if (spec == null) {
                throw error(t.getKeyNode(), where + "." + slot, "unknown slot '" + slot + "'"
                        + Suggestions.didYouMean(slot, slots.keySet()) + " (slots: " + String.join(", ", slots.keySet()) + ")");
            }
            out.put(slot, choice(t.getValueNode(), where + "." + slot, spec, sweeps));
        }
        return out;
    }

    /** {@code attention.se} or {@code {id: attention.se, reduction: 8}}. */
    private Suite.SlotChoice choice(Node node, String where, SlotSpec slot, boolean sweeps) {
        positions.put(where, node);
        Node idNode = node;
        Map<String, Node> paramNodes = new LinkedHashMap<>();
        if (node instanceof MappingNode m) {
            Map<String, Node> all = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                all.put(string(t.getKeyNode(), where), t.getValueNode());
            }
            idNode = all.remove("id");
            if (idNode == null) {
                throw error(node, where + ".id", "missing 'id:' (the plugin id for slot '" + slot.name() + "')");
            }
            for (NodeTuple t : m.getValue()) {
                String k = ((ScalarNode) t.getKeyNode()).getValue();
                if (!k.equals("id")) {
                    paramNodes.put(k, t.getValueNode());
                }
            }
        }
        String id = string(idNode, where);
        if (!registry.hasPlugin(id)) {
            List<String> candidates = registry.idsForSlot(slot.name());
            throw error(idNode, where, "unknown plugin '" + id + "'"
                    + Suggestions.didYouMean(id, candidates.isEmpty() ? registry.plugins().stream().map(Plugin::id).toList() : candidates)
                    + " (see 'ablate list')");
        }
        Plugin plugin = registry.plugin(id);
        if (!plugin.info().slot().equals(slot.name()) || !slot.type().isInstance(plugin)) {
            throw error(idNode, where, "plugin '" + id + "' fills slot '" + plugin.info().slot()
                    + "', not '" + slot.name() + "'");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : paramNodes.entrySet()) {
            String key = where + "." + e.getKey();
            Param p = plugin.info().param(e.getKey());
            if (p == null) {
                List<String> names = plugin.info().params().stream().map(Param::name).toList();
                throw error(e.getValue(), key, "plugin '" + id + "' has no parameter '" + e.getKey() + "'"
                        + Suggestions.didYouMean(e.getKey(), names)
                        + (names.isEmpty() ? " (it takes none)" : " (parameters: " + String.join(", ", names) + ")"));
            }
            Node v = e.getValue();
            if (v instanceof SequenceNode seq) {
                if (!sweeps) {
                    throw error(v, key, "a sweep (list of values) is only allowed in variants");
                }
                List<Object> values = new ArrayList<>();
                for (Node item : seq.getValue()) {
                    values.add(coerce(p, item, key));
                }
                if (values.isEmpty()) {
                    throw error(v, key, "a sweep needs at least one value");
                }
                params.put(p.name(), values);
            } else {
                params.put(p.name(), coerce(p, v, key));
            }
        }
        return new Suite.SlotChoice(id, params);
    }

    private Object coerce(Param p, Node node, String key) {
        try {
            return p.coerce(scalar(node, key));
        } catch (IllegalArgumentException e) {
            throw error(node, key, e.getMessage());
        }
    }

    private List<Long> seeds(Node node) {
        if (node == null) {
            return List.of(1L, 2L, 3L);
        }
        List<Long> seeds = new ArrayList<>();
        if (node instanceof ScalarNode) {
            int n = intIn(node, "seeds", 1, 1000);
            for (long s = 1; s <= n; s++) {
                seeds.add(s);
            }
            return seeds;
        }
        if (!(node instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            throw error(node, "seeds", "seeds must be a count (e.g. 3) or a non-empty list of integers");
        }
        for (Node item : seq.getValue()) {
            long s = intIn(item, "seeds", 0, Integer.MAX_VALUE);
            if (seeds.contains(s)) {
                throw error(item, "seeds", "seed " + s + " is listed twice");
            }
            seeds.add(s);
        }
        return seeds;
    }

    private Budget budget(Node node) {
        Budget d = Budget.DEFAULT;
        if (node == null) {
            return d;
        }
        Map<String, Node> b = entries(mapping(node, "budget"), "budget.", BUDGET_KEYS);
        return new Budget(
                b.containsKey("epochs") ? intIn(b.get("epochs"), "budget.epochs", 1, 100_000) : d.epochs(),
                b.containsKey("batch") ? intIn(b.get("batch"), "budget.batch", 1, 1 << 20) : d.batchSize(),
                b.containsKey("lr") ? number(b.get("lr"), "budget.lr", 0, 100) : d.learningRate(),
                b.containsKey("schedule") ? choiceOf(b.get("schedule"), "budget.schedule", SCHEDULES) : d.schedule(),
                b.containsKey("optimizer") ? choiceOf(b.get("optimizer"), "budget.optimizer", OPTIMIZERS) : d.optimizer(),
                b.containsKey("weight-decay") ? number(b.get("weight-decay"), "budget.weight-decay", 0, 1) : d.weightDecay());
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    private Duration duration(Node node) {
        Object v = scalar(node, "timeout");
        Matcher m = DURATION.matcher(String.valueOf(v).trim());
        if (!m.matches()) {
            throw error(node, "timeout", "timeout must look like 90s, 5m or 1h, got '" + v + "'");
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double seconds = switch (unit) {
            case "ms" -> amount / 1000;
            case "m" -> amount * 60;
            case "h" -> amount * 3600;
            default -> amount;
        };
        if (seconds <= 0) {
            throw error(node, "timeout", "timeout must be positive");
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
