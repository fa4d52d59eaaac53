package ablate.plugins.common;

import java.util.Map;

/** Whole-number settings from a suite's option maps, where YAML hands over a Long, an Integer or a Double. */
public final class WholeNumbers {
    private WholeNumbers() {
    }

    /**
     * {@code options[key]} as an int, {@code fallback} when absent; 3.0 is accepted, 3.5 or text is refused with one
     * line naming the key as {@code prefix + key} (e.g. "options.scale").
     */
    public static int of(Map<String, Object> options, String prefix, String key, int fallback) {
        Object v = options.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return Math.toIntExact(n.longValue());
        }
        throw new IllegalArgumentException(prefix + key + ": expected an integer, got " + v);
    }
}
