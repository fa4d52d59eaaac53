package ablate.reports.compare;

import ablate.results.Direction;
import ablate.results.ResultsStore;
import ablate.results.Status;
import ablate.results.SuiteInfo;
import ablate.results.TrialResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-made results directories: a suite with accuracy (higher is better) and ece (lower is better). */
final class Runs {
    private final String suite;
    private final Map<String, Map<Long, Map<String, Double>>> values = new LinkedHashMap<>();
    private final Map<String, Map<Long, Status>> statuses = new LinkedHashMap<>();

    private Runs(String suite) {
        this.suite = suite;
    }

    static Runs suite(String name) {
        return new Runs(name);
    }

    /** Passed trials of {@code variant}, one per seed from 1, with these accuracies and ece 0.05. */
    Runs accuracy(String variant, double... acc) {
        for (int i = 0; i < acc.length; i++) {
            trial(variant, i + 1, Status.PASSED, Map.of("accuracy", acc[i], "ece", 0.05));
        }
        return this;
    }

    Runs trial(String variant, long seed, Status status, Map<String, Double> metrics) {
        values.computeIfAbsent(variant, k -> new LinkedHashMap<>()).put(seed, metrics);
        statuses.computeIfAbsent(variant, k -> new LinkedHashMap<>()).put(seed, status);
        return this;
    }

    Path write(Path dir) {
        ResultsStore store = new ResultsStore(dir);
        List<SuiteInfo.Variant> variants = new ArrayList<>();
        values.keySet().forEach(v -> variants.add(new SuiteInfo.Variant(v, Map.of(), List.of())));
        Map<String, Direction> dirs = new LinkedHashMap<>();
        dirs.put("accuracy", Direction.HIGHER);
        dirs.put("ece", Direction.LOWER);
        store.writeSuite(new SuiteInfo(suite, "suites/" + suite + ".yaml", "classification", "accuracy", List.of(),
                variants.get(0).name(), variants, List.of(1L, 2L, 3L), Map.of(), Map.of()).withMetrics(dirs));
        values.forEach((v, bySeed) -> bySeed.forEach((seed, m) -> {
            Status st = statuses.get(v).get(seed);
            store.write(new TrialResult(v + "-" + seed, v, seed, Map.of(), st, st == Status.PASSED ? null : "boom",
                    st == Status.PASSED ? m : Map.of(), Map.of(), null, Map.of(), null, "2026-12-06T00:00:00Z", 1.0));
        }));
        return dir;
    }
}
