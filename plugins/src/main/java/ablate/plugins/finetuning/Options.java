package ablate.plugins.finetuning;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The fine-tuning task's {@code options:} keys and how they are read. */
final class Options {
    static final Set<String> KNOWN = Set.of("source-classes", "source-per-class", "target-per-class",
            "pretrain-epochs", "pretrain-lr");
    static final int DEFAULT_PRETRAIN_EPOCHS = 5;

    private Options() {
    }

    static void check(Map<String, Object> options) {
        for (String k : options.keySet()) {
            if (!KNOWN.contains(k)) {
                throw new IllegalArgumentException("options." + k + ": unknown (known: " + new TreeSet<>(KNOWN) + ")");
            }
        }
        for (String k : new String[]{"source-per-class", "target-per-class", "pretrain-epochs"}) {
            if (integer(options, k, 1) < 1) {
                throw new IllegalArgumentException("options." + k + " must be >= 1");
            }
        }
        if (real(options, "pretrain-lr", 1) <= 0) {
            throw new IllegalArgumentException("options.pretrain-lr must be > 0");
        }
    }

    static int integer(Map<String, Object> options, String key, int fallback) {
        Object v = options.get(key);
        if (v == null) {
            return fallback;
        }
        // YAML gives Integer or Long (or Double for 1e3) by size and spelling
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("options." + key + " must be an integer, got " + v);
        }
        return n.intValue();
    }

    static double real(Map<String, Object> options, String key, double fallback) {
        Object v = options.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("options." + key + " must be a number, got " + v);
        }
        return n.doubleValue();
    }
}
