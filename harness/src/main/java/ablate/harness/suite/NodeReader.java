package ablate.harness.suite;

import ablate.harness.UserError;
import ablate.harness.discovery.Suggestions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed reads of YAML nodes for {@link SuiteLoader}: each failure is a {@link UserError} naming the file, the
 * node's line and the key, as "suites/x.yaml:12: budget.lr: must be a number, got 'fast'".
 */
abstract class NodeReader {
    /** The file being read, for messages. */
    Path file;

    final Map<String, Node> entries(MappingNode m, String prefix, List<String> allowed) {
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String k = string(t.getKeyNode(), prefix.isEmpty() ? "(top level)" : prefix);
            if (!allowed.contains(k)) {
                throw error(t.getKeyNode(), prefix + k, "unknown key '" + k + "'" + Suggestions.didYouMean(k, allowed)
                        + " (allowed: " + String.join(", ", allowed) + ")");
            }
            if (out.put(k, t.getValueNode()) != null) {
                throw error(t.getKeyNode(), prefix + k, "key '" + k + "' appears twice");
            }
        }
        return out;
    }

    final Node require(Map<String, Node> keys, Node parent, String key) {
        String last = key.substring(key.lastIndexOf('.') + 1);
        Node n = keys.get(last);
        if (n == null) {
            throw error(parent, key, "missing required key '" + key + "'");
        }
        return n;
    }

    final MappingNode mapping(Node node, String key) {
        if (node instanceof MappingNode m) {
            return m;
        }
        throw error(node, key, "expected a mapping (key: value lines)");
    }

    final String string(Node node, String key) {
        Object v = scalar(node, key);
        if (v == null) {
            throw error(node, key, "value is empty");
        }
        return String.valueOf(v);
    }

    final String choiceOf(Node node, String key, List<String> allowed) {
        String v = string(node, key);
        if (!allowed.contains(v)) {
            throw error(node, key, "must be one of " + String.join(", ", allowed) + ", got '" + v + "'"
                    + Suggestions.didYouMean(v, allowed));
        }
        return v;
    }

    final int intIn(Node node, String key, long min, long max) {
        Object v = scalar(node, key);
        if (!(v instanceof Long l)) {
            throw error(node, key, "must be an integer, got '" + v + "'");
        }
        if (l < min || l > max) {
            throw error(node, key, "must be between " + min + " and " + max + ", got " + l);
        }
        return (int) (long) l;
    }

    final double number(Node node, String key, double min, double max) {
        Object v = scalar(node, key);
        if (!(v instanceof Number n)) {
            throw error(node, key, "must be a number, got '" + v + "'");
        }
        double d = n.doubleValue();
        if (!(d >= min && d <= max)) {
            throw error(node, key, "must be between " + min + " and " + max + ", got " + d);
        }
        return d;
    }

    final Object scalarOrList(Node node, String key) {
        if (node instanceof SequenceNode seq) {
            List<Object> out = new ArrayList<>();
            seq.getValue().forEach(n -> out.add(scalar(n, key)));
            return out;
        }
        return scalar(node, key);
    }

    final Map<String, Object> plainMap(Node node, String key) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (NodeTuple t : mapping(node, key).getValue()) {
            String k = string(t.getKeyNode(), key);
            out.put(k, scalarOrList(t.getValueNode(), key + "." + k));
        }
        return out;
    }

    /** A scalar as Long, Double, Boolean, String or null, per YAML 1.1 core tags. */
    final Object scalar(Node node, String key) {
        if (!(node instanceof ScalarNode s)) {
            throw error(node, key, "expected a single value, got a " + (node instanceof MappingNode ? "mapping" : "list"));
        }
        String text = s.getValue();
        Tag tag = s.getTag();
        try {
            if (Tag.INT.equals(tag)) {
                return Long.decode(text.replace("_", ""));
            }
            if (Tag.FLOAT.equals(tag)) {
                String t = text.replace("_", "").toLowerCase();
                return switch (t) {
                    case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
                    case "-.inf" -> Double.NEGATIVE_INFINITY;
                    case ".nan" -> Double.NaN;
                    default -> Double.parseDouble(t);
                };
            }
        } catch (NumberFormatException e) {
            throw error(node, key, "not a number: '" + text + "'");
        }
        if (Tag.BOOL.equals(tag)) {
            return Set.of("true", "yes", "on", "y").contains(text.toLowerCase());
        }
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        return text;
    }

    final UserError error(Node node, String key, String message) {
        int line = node == null ? 0 : node.getStartMark().getLine() + 1;
        return new UserError(file + ":" + line + ": " + key + ": " + message);
    }
}
