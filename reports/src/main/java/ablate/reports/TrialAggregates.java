package ablate.reports;

import ablate.metrics.stats.Summary;
import ablate.results.Cost;
import ablate.results.TrialResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/** A variant's cost and mean learning curves over its passed trials. */
final class TrialAggregates {
    private TrialAggregates() {
    }

    static CostSummary costSummary(List<TrialResult> passed) {
        List<Cost> costs = passed.stream().map(TrialResult::cost).filter(Objects::nonNull).toList();
        if (costs.isEmpty()) {
            costs = List.of(Cost.NONE);
        }
        return new CostSummary(medianLong(costs, Cost::trainableParams), medianLong(costs, Cost::totalParams),
                medianLong(costs, Cost::macsPerSample), summary(costs, Cost::trainSeconds),
                summary(costs, Cost::latencyMedianMs), summary(costs, Cost::latencyP95Ms),
                costs.stream().mapToLong(Cost::peakMemoryBytes).max().orElse(-1));
    }

    private static long medianLong(List<Cost> costs, java.util.function.ToLongFunction<Cost> f) {
        long[] v = costs.stream().mapToLong(f).sorted().toArray();
        return v[(v.length - 1) / 2];
    }

    private static Summary summary(List<Cost> costs, ToDoubleFunction<Cost> f) {
        return Summary.of(costs.stream().mapToDouble(f).filter(Double::isFinite).toArray());
    }

    static Map<String, List<Double>> meanCurves(List<TrialResult> passed) {
        Map<String, List<Double>> means = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>();
        passed.forEach(t -> {
            if (t.curves() != null) {
                names.addAll(t.curves().keySet());
            }
        });
        for (String name : names) {
            int epochs = passed.stream().mapToInt(t -> curve(t, name).size()).max().orElse(0);
            List<Double> mean = new ArrayList<>(epochs);
            for (int e = 0; e < epochs; e++) {
                final int epoch = e;
                mean.add(passed.stream().map(t -> curve(t, name)).filter(c -> c.size() > epoch)
                        .map(c -> c.get(epoch)).filter(v -> v != null && Double.isFinite(v))
                        .mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
            }
            means.put(name, mean);
        }
        return means;
    }

    private static List<Double> curve(TrialResult t, String name) {
        List<Double> c = t.curves() == null ? null : t.curves().get(name);
        return c == null ? List.of() : c;
    }
}
