package ablate.plugins.modelselection;

import ablate.harness.discovery.Suggestions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model-selection task's options (the suite's {@code options:} map), every one with a default.
 *
 * @param polynomial        coefficients β0..βd of the true polynomial; its order d is what the criteria should find
 * @param maxOrder          candidate orders are 0..maxOrder
 * @param sampleSizes       n of the polynomial data sets
 * @param noiseLevels       standard deviations σ of the Gaussian noise
 * @param replicates        data sets per (n, σ)
 * @param components        true number of mixture components
 * @param maxComponents     candidate component counts are 1..maxComponents
 * @param separation        distance between neighbouring component means, in units of the components' larger sd
 * @param mixtureSizes      n of the mixture data sets
 * @param mixtureReplicates data sets per mixture size
 * @param networks          candidate classifiers as {@code plugin-id param=value ...}; trained on Fashion-MNIST
 *
 * The criteria's claims read {@code overSelectRate@n=20} and {@code recoveryRate@n=1000}: a suite without those
 * sample sizes gets an inconclusive verdict ("not measured").
 */
record Settings(List<Double> polynomial, int maxOrder, List<Integer> sampleSizes, List<Double> noiseLevels,
                int replicates, int components, int maxComponents, double separation, List<Integer> mixtureSizes,
                int mixtureReplicates, List<String> networks) {

    static final Settings DEFAULT = new Settings(List.of(0.5, -1.0, 0.8, 1.5), 8, List.of(20, 50, 200, 1000),
            List.of(0.25, 0.5, 1.0), 100, 3, 6, 4.0, List.of(100, 250, 1000), 5,
            List.of("model.mlp hidden=1", "model.mlp hidden=2", "model.mlp hidden=4", "model.mlp hidden=8",
                    "model.mlp hidden=32", "model.mlp hidden="));

    static final List<String> KEYS = List.of("polynomial", "max-order", "sample-sizes", "noise-levels", "replicates",
            "mixture-components", "max-components", "mixture-separation", "mixture-sizes", "mixture-replicates",
            "networks");

    int trueOrder() {
        return polynomial.size() - 1;
    }

    /** The suite's options over the defaults; each error names the option and what is wrong. */
    static Settings parse(Map<String, Object> options) {
        for (String key : options.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("options." + key + ": unknown option of task model-selection"
                        + Suggestions.didYouMean(key, KEYS) + " (options: " + String.join(", ", KEYS) + ")");
            }
        }
        Map<String, Object> o = new LinkedHashMap<>(options);
        Settings d = DEFAULT;
        List<Double> polynomial = o.containsKey("polynomial") ? numbers(o, "polynomial") : d.polynomial;
        if (polynomial.isEmpty() || polynomial.get(polynomial.size() - 1) == 0) {
            throw new IllegalArgumentException("options.polynomial: needs the coefficients b0..bd with bd != 0, got "
                    + polynomial);
        }
        int maxOrder = o.containsKey("max-order") ? integer(o, "max-order", polynomial.size() - 1, 30) : d.maxOrder;
        List<Integer> sizes = o.containsKey("sample-sizes") ? integers(o, "sample-sizes", 1) : d.sampleSizes;
        if (sizes.stream().anyMatch(n -> n < maxOrder + 2)) {
            throw new IllegalArgumentException("options.sample-sizes: every n must be >= max-order + 2 = "
                    + (maxOrder + 2) + ", got " + sizes);
        }
        List<Double> noise = o.containsKey("noise-levels") ? numbers(o, "noise-levels") : d.noiseLevels;
        if (noise.isEmpty() || noise.stream().anyMatch(s -> !(s > 0))) {
            throw new IllegalArgumentException("options.noise-levels: needs positive standard deviations, got " + noise);
        }
        int replicates = o.containsKey("replicates") ? integer(o, "replicates", 1, 100_000) : d.replicates;
        int maxComponents = o.containsKey("max-components") ? integer(o, "max-components", 1, 20) : d.maxComponents;
        int components = o.containsKey("mixture-components")
                ? integer(o, "mixture-components", 1, maxComponents) : d.components;
        if (components > maxComponents) {
            throw new IllegalArgumentException("options.mixture-components: " + components
                    + " is more than max-components " + maxComponents);
        }
        double separation = o.containsKey("mixture-separation") ? number(o, "mixture-separation") : d.separation;
        if (!(separation > 0)) {
            throw new IllegalArgumentException("options.mixture-separation: must be positive, got " + separation);
        }
        List<Integer> mixtureSizes = o.containsKey("mixture-sizes")
                ? integers(o, "mixture-sizes", maxComponents) : d.mixtureSizes;
        int mixtureReplicates = o.containsKey("mixture-replicates")
                ? integer(o, "mixture-replicates", 0, 100_000) : d.mixtureReplicates;
        List<String> networks = o.containsKey("networks") ? strings(o, "networks") : d.networks;
        return new Settings(polynomial, maxOrder, sizes, noise, replicates, components, maxComponents, separation,
                mixtureSizes, mixtureReplicates, networks);
    }

    private static List<?> list(Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (!(v instanceof List<?> l) || l.isEmpty()) {
            throw new IllegalArgumentException("options." + key + ": expected a non-empty list, e.g. [1, 2], got " + v);
        }
        return l;
    }

    private static List<Double> numbers(Map<String, Object> o, String key) {
        List<Double> out = new ArrayList<>();
        for (Object v : list(o, key)) {
            if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                throw new IllegalArgumentException("options." + key + ": '" + v + "' is not a finite number");
            }
            out.add(n.doubleValue());
        }
        return List.copyOf(out);
    }

    private static List<Integer> integers(Map<String, Object> o, String key, int min) {
        List<Integer> out = new ArrayList<>();
        for (Object v : list(o, key)) {
            if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < min
                    || ((Number) v).longValue() > 1_000_000) {
                throw new IllegalArgumentException("options." + key + ": '" + v + "' is not an integer in [" + min
                        + ", 1000000]");
            }
            if (out.contains(((Number) v).intValue())) {
                throw new IllegalArgumentException("options." + key + ": " + v + " is listed twice");
            }
            out.add(((Number) v).intValue());
        }
        return List.copyOf(out);
    }

    private static List<String> strings(Map<String, Object> o, String key) {
        List<String> out = new ArrayList<>();
        for (Object v : list(o, key)) {
            if (!(v instanceof String s) || s.isBlank()) {
                throw new IllegalArgumentException("options." + key + ": '" + v + "' is not a non-empty string");
            }
            out.add(s.trim());
        }
        return List.copyOf(out);
    }

    private static int integer(Map<String, Object> o, String key, int min, int max) {
        Object v = o.get(key);
        if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < min
                || ((Number) v).longValue() > max) {
            throw new IllegalArgumentException("options." + key + ": must be an integer in [" + min + ", " + max
                    + "], got " + v);
        }
        return ((Number) v).intValue();
    }

    private static double number(Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw new IllegalArgumentException("options." + key + ": must be a number, got " + v);
        }
        return n.doubleValue();
    }
}
