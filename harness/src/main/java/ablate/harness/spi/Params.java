package ablate.harness.spi;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Resolved parameter values of one plugin in one trial: the suite's values over the plugin's defaults. */
public final class Params {
    private final Map<String, Object> values;

    public Params(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** The defaults of a plugin, overridden by {@code overrides} (already coerced). */
    public static Params resolve(PluginInfo info, Map<String, Object> overrides) {
        Map<String, Object> all = new TreeMap<>();
        for (Param p : info.params()) {
            all.put(p.name(), p.defaultValue());
        }
        all.putAll(overrides);
        return new Params(all);
    }

    public static Params defaults(PluginInfo info) {
        return resolve(info, Map.of());
    }

    public int getInt(String name) {
        return ((Number) require(name)).intValue();
    }

    public double getDouble(String name) {
        return ((Number) require(name)).doubleValue();
    }

    public boolean getBoolean(String name) {
        return (Boolean) require(name);
    }

    public String getString(String name) {
        return (String) require(name);
    }

    public Map<String, Object> asMap() {
        return values;
    }

    private Object require(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'");
        }
        return v;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
