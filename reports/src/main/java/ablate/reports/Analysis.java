package ablate.reports;

import ablate.metrics.stats.Holm;
import ablate.metrics.stats.Summary;
import ablate.results.Cost;
import ablate.results.Direction;
import ablate.results.Provenance;
import ablate.results.ResultsStore;
import ablate.results.Status;
import ablate.results.SuiteInfo;
import ablate.results.TrialResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The statistics of a results directory: per variant and metric n, mean, sd and 95% CI; the paired
 * difference to the baseline (paired t and Wilcoxon, Holm-adjusted across the non-baseline variants of each
 * metric); the ranking by the primary metric; cost; mean learning curves; the claim verdicts.
 * Only passed trials enter the statistics; the others are listed in {@link #failures()}.
 */
public final class Analysis {
    /** Cost figures a claim may name as its metric when the task did not record a metric of that name, in order. */
    static final Map<String, ToDoubleFunction<Cost>> COST_METRICS = costMetrics();

    /** Names that are lower-is-better by construction, for suite files that declare no directions. */
    private static final java.util.regex.Pattern LEGACY_LOWER =
            java.util.regex.Pattern.compile("(?i)(loss|error|^ece|regret|Ms$|seconds)");

    private final SuiteInfo suite;
    private final List<TrialResult> trials;
    private final List<String> metrics;
    private final List<VariantAnalysis> variants;
    private final Map<String, VariantAnalysis> variantsByName = new LinkedHashMap<>();
    private final List<RankEntry> ranking;
    private List<List<String>> rankGroups = List.of();
    private final List<ClaimVerdict> claims;

    private Analysis(SuiteInfo suite, List<TrialResult> trials) {
        this.suite = Objects.requireNonNull(suite, "suite");
        this.trials = List.copyOf(trials);
        this.metrics = metricNames(suite, trials);
        Map<String, List<TrialResult>> byVariant = groupByVariant(suite, trials);
        Map<String, List<TrialResult>> passed = new LinkedHashMap<>();
        byVariant.forEach((name, list) -> passed.put(name, passedOnePerSeed(list)));

        Set<String> analysed = new LinkedHashSet<>(metrics);
        for (SuiteInfo.Variant v : suite.variants()) {
            for (SuiteInfo.ClaimInfo c : v.claims()) {
                if (c.metric() != null && COST_METRICS.containsKey(c.metric())) {
                    analysed.add(c.metric());
                }
            }
        }
        Map<String, Map<String, MetricStats>> statsByVariant = new LinkedHashMap<>();
        byVariant.keySet().forEach(name -> statsByVariant.put(name, new LinkedHashMap<>()));
        for (String metric : analysed) {
            MetricComparisons.analyse(metric, suite.baseline(), passed, statsByVariant);
        }

        List<VariantAnalysis> list = new ArrayList<>();
        for (var e : byVariant.entrySet()) {
            String name = e.getKey();
            List<TrialResult> ok = passed.get(name);
            list.add(new VariantAnalysis(name, definition(suite, name), name.equals(suite.baseline()), e.getValue(), ok,
                    statsByVariant.get(name), ok.isEmpty() ? null : TrialAggregates.costSummary(ok), TrialAggregates.meanCurves(ok)));
        }
        this.variants = List.copyOf(list);
        variants.forEach(v -> variantsByName.put(v.name(), v));
        this.ranking = rank();
        this.claims = ClaimJudge.judge(this);
    }

    /** Reads {@code suite.json} and every trial of a results directory. */
    public static Analysis of(Path resultsDir) {
        ResultsStore store = new ResultsStore(resultsDir);
        return of(store.readSuite(), store.readAll());
    }

    /**
     * Reads several results directories of one suite (e.g. the shards of a run) as one: the suite comes from the
     * first, and a trial found in more than one directory counts once.
     *
     * @throws IllegalArgumentException when a directory holds another suite
     */
    public static Analysis of(List<Path> resultsDirs) {
        if (resultsDirs.isEmpty()) {
            throw new IllegalArgumentException("no results directory given");
        }
        SuiteInfo suite = new ResultsStore(resultsDirs.get(0)).readSuite();
        Map<String, TrialResult> byId = new LinkedHashMap<>();
        for (Path dir : resultsDirs) {
            ResultsStore store = new ResultsStore(dir);
            SuiteInfo other = store.readSuite();
            if (!Objects.equals(other.name(), suite.name()) || !Objects.equals(other.variants(), suite.variants())) {
                throw new IllegalArgumentException(dir.resolve("suite.json") + ": holds suite '" + other.name()
                        + "', which differs from '" + suite.name() + "' in " + resultsDirs.get(0).resolve("suite.json")
                        + "; only shards of one suite can be merged");
            }
            store.readAll().forEach(t -> byId.put(t.id(), t));
        }
        List<TrialResult> trials = new ArrayList<>(byId.values());
        trials.sort(Comparator.comparing(TrialResult::variant).thenComparingLong(TrialResult::seed));
        return of(suite, trials);
    }

    public static Analysis of(SuiteInfo suite, List<TrialResult> trials) {
        return new Analysis(suite, trials);
    }

    public SuiteInfo suite() {
        return suite;
    }

    /** Every trial read, any status. */
    public List<TrialResult> trials() {
        return trials;
    }

    /** Metric names: the primary metric first, then the others in the order trials recorded them. */
    public List<String> metrics() {
        return metrics;
    }

    public String primaryMetric() {
        return suite.primaryMetric();
    }

    /**
     * Which way a metric improves: as the task declared it ({@code m@condition} follows {@code m}); the cost figures
     * are lower-is-better. A metric recorded but not declared has no direction ({@link Direction#NONE}: never
     * coloured, listed by {@link #undeclaredMetrics()}). A {@code suite.json} written before declarations existed
     * falls back to its {@code lowerIsBetter} list and to names that are errors by construction (loss, error, ECE,
     * regret, times), else higher-is-better.
     */
    public Direction direction(String metric) {
        if (metric == null) {
            return Direction.NONE;
        }
        Direction declared = Direction.of(suite.metrics(), metric);
        if (declared != null) {
            return declared;
        }
        if (COST_METRICS.containsKey(metric)) {
            return Direction.LOWER;
        }
        if (suite.metrics() != null) {
            return Direction.NONE;
        }
        List<String> lower = suite.lowerIsBetter() == null ? List.of() : suite.lowerIsBetter();
        Map<String, Direction> legacy = new LinkedHashMap<>();
        lower.forEach(m -> legacy.put(m, Direction.LOWER));
        if (Direction.of(legacy, metric) != null || LEGACY_LOWER.matcher(metric).find()) {
            return Direction.LOWER;
        }
        return Direction.HIGHER;
    }

    /** Whether lower is better ({@link #direction} is {@link Direction#LOWER}). */
    public boolean lowerIsBetter(String metric) {
        return direction(metric) == Direction.LOWER;
    }

    /**
     * {@code better} or {@code worse} for a significant difference to the baseline in a metric with a direction, else
     * {@code neutral}: the one place that turns a test into a colour, for the HTML and summary.json alike.
     */
    public String tone(String metric, Comparison c) {
        Direction d = direction(metric);
        if (c == null || !c.significant() || d == Direction.NONE || c.difference().mean() == 0) {
            return "neutral";
        }
        return (d == Direction.LOWER) == (c.difference().mean() < 0) ? "better" : "worse";
    }

    /** Metrics the trials recorded that the task declared no direction for (always empty for older suite files). */
    public List<String> undeclaredMetrics() {
        if (suite.metrics() == null) {
            return List.of();
        }
        return Direction.undeclared(suite.metrics(), metrics).stream().filter(m -> !COST_METRICS.containsKey(m)).toList();
    }

    /** Variants in suite order (baseline first), then any variant found only in the trials. */
    public List<VariantAnalysis> variants() {
        return variants;
    }

    public Optional<VariantAnalysis> variant(String name) {
        return Optional.ofNullable(variantsByName.get(name));
    }

    public Optional<VariantAnalysis> baseline() {
        return variant(suite.baseline());
    }

    /** Variants with at least one passed value of the primary metric, best first. */
    public List<RankEntry> ranking() {
        return ranking;
    }

    /** The variant ranked first, if any trial passed. */
    public Optional<VariantAnalysis> best() {
        return ranking.isEmpty() ? Optional.empty() : variant(ranking.get(0).variant());
    }

    public List<ClaimVerdict> claims() {
        return claims;
    }

    /** Trials that did not pass (failed, diverged, timed out), in variant and seed order. */
    public List<TrialResult> failures() {
        return trials.stream().filter(t -> t.status() != Status.PASSED).toList();
    }

    public long count(Status status) {
        return trials.stream().filter(t -> t.status() == status).count();
    }

    /**
     * The distinct environments the trials ran in, each with its data sources joined by {@code "; "} (see
     * {@link #provenanceGroups}).
     */
    public List<Provenance> provenance() {
        return List.copyOf(provenanceGroups().keySet());
    }

    /**
     * The distinct environments with how many trials ran in each. Trials are grouped by everything but the data
     * source: a failed trial records none, and a data source naming its trial's seed differs on every seed, and
     * neither is a different environment. A group's data source lists the distinct ones recorded, in trial order.
     */
    public Map<Provenance, Long> provenanceGroups() {
        return ProvenanceGroups.of(trials);
    }

    /**
     * Variants as (cost, primary-metric mean) points, for those with a positive cost (zero means not measured)
     * and a primary-metric value; an exact cost, no noise.
     */
    public List<Pareto.Point> costPoints(ToDoubleFunction<CostSummary> cost) {
        return costPoints(cost, c -> 0);
    }

    /** The same, each point carrying the noise of its cost (see {@link #latencyNoise}). */
    public List<Pareto.Point> costPoints(ToDoubleFunction<CostSummary> cost, ToDoubleFunction<CostSummary> noise) {
        List<Pareto.Point> points = new ArrayList<>();
        for (VariantAnalysis v : variants) {
            MetricStats st = v.metric(primaryMetric());
            if (v.cost() != null && st != null && cost.applyAsDouble(v.cost()) > 0) {
                points.add(new Pareto.Point(v.name(), cost.applyAsDouble(v.cost()), st.summary().mean(),
                        noise.applyAsDouble(v.cost())));
            }
        }
        return points;
    }

    /** Names of the variants on the Pareto front of the primary metric against an exact cost, cheapest first. */
    public List<String> paretoFront(ToDoubleFunction<CostSummary> cost) {
        return paretoFront(cost, c -> 0);
    }

    /** The same against a measured cost with its noise: a saving within the noise is no saving. */
    public List<String> paretoFront(ToDoubleFunction<CostSummary> cost, ToDoubleFunction<CostSummary> noise) {
        return Pareto.front(costPoints(cost, noise), lowerIsBetter(primaryMetric())).stream().map(Pareto.Point::name).toList();
    }

    /** Median latency (mean over seeds), the cost the latency front and chart use. */
    public static double latency(CostSummary c) {
        return c.latencyMedianMs().mean();
    }

    /**
     * The noise of a variant's median latency: the larger of its spread within a trial (p95 − median, averaged over
     * seeds) and the standard deviation of the medians across seeds.
     */
    public static double latencyNoise(CostSummary c) {
        double within = c.latencyP95Ms().mean() - c.latencyMedianMs().mean();
        double across = c.latencyMedianMs().n() > 1 ? c.latencyMedianMs().sd() : 0;
        return Math.max(Double.isFinite(within) ? within : 0, Double.isFinite(across) ? across : 0);
    }

    /** A trial's value of a metric, falling back to its cost figures; empty when absent or not finite. */
    public static OptionalDouble value(TrialResult trial, String metric) {
        Double v = trial.metrics() == null ? null : trial.metrics().get(metric);
        if (v == null && trial.cost() != null && COST_METRICS.containsKey(metric)) {
            v = COST_METRICS.get(metric).applyAsDouble(trial.cost());
        }
        return v != null && Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
    }

    private static List<String> metricNames(SuiteInfo suite, List<TrialResult> trials) {
        Set<String> names = new LinkedHashSet<>();
        if (suite.primaryMetric() != null) {
            names.add(suite.primaryMetric());
        }
        for (TrialResult t : trials) {
            if (t.status() == Status.PASSED && t.metrics() != null) {
                names.addAll(t.metrics().keySet());
            }
        }
        return List.copyOf(names);
    }

    private static Map<String, List<TrialResult>> groupByVariant(SuiteInfo suite, List<TrialResult> trials) {
        Map<String, List<TrialResult>> groups = new LinkedHashMap<>();
        suite.variants().forEach(v -> groups.put(v.name(), new ArrayList<>()));
        for (TrialResult t : trials) {
            groups.computeIfAbsent(t.variant(), k -> new ArrayList<>()).add(t);
        }
        groups.values().forEach(l -> l.sort(Comparator.comparingLong(TrialResult::seed)));
        return groups;
    }

    /** Passed trials, one per seed: where a seed passed twice (merged directories), the later start wins. */
    private static List<TrialResult> passedOnePerSeed(List<TrialResult> trials) {
        Map<Long, TrialResult> bySeed = new TreeMap<>();
        for (TrialResult t : trials) {
            if (t.status() == Status.PASSED) {
                bySeed.merge(t.seed(), t, (a, b) -> Objects.toString(b.startedAt(), "")
                        .compareTo(Objects.toString(a.startedAt(), "")) >= 0 ? b : a);
            }
        }
        return List.copyOf(bySeed.values());
    }

    private static SuiteInfo.Variant definition(SuiteInfo suite, String name) {
        return suite.variants().stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseGet(() -> new SuiteInfo.Variant(name, Map.of(), List.of()));
    }

    /**
     * Best first by the primary metric; each entry lists the variants whose 95% CI overlaps its own and those the
     * ranking's test does not tell apart from it ({@link PairwiseTests}: the table's Holm-adjusted paired test).
     */
    private List<RankEntry> rank() {
        String primary = suite.primaryMetric();
        List<VariantAnalysis> ranked = variants.stream().filter(v -> v.metric(primary) != null).sorted(
                Comparator.comparingDouble(v -> (lowerIsBetter(primary) ? 1 : -1) * v.metric(primary).summary().mean()))
                .toList();
        List<PairwiseTests.Entry> entries = ranked.stream().map(v -> new PairwiseTests.Entry(v.name(), v.baseline(),
                MetricComparisons.valuesBySeed(v.passed(), primary), v.metric(primary).summary(), v.metric(primary).vsBaseline())).toList();
        boolean[][] distinct = PairwiseTests.distinct(entries);
        List<RankEntry> out = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            Summary s = ranked.get(i).metric(primary).summary();
            List<String> overlaps = new ArrayList<>();
            List<String> indistinct = new ArrayList<>();
            for (int j = 0; j < ranked.size(); j++) {
                if (j != i && overlap(s, ranked.get(j).metric(primary).summary())) {
                    overlaps.add(ranked.get(j).name());
                }
                if (j != i && !distinct[i][j]) {
                    indistinct.add(ranked.get(j).name());
                }
            }
            out.add(new RankEntry(i + 1, ranked.get(i).name(), s, List.copyOf(overlaps), List.copyOf(indistinct)));
        }
        rankGroups = PairwiseTests.groups(distinct).stream()
                .map(g -> g.stream().map(x -> ranked.get(x).name()).toList()).toList();
        return List.copyOf(out);
    }

    /**
     * Groups of ranked variants the ranking's test does not tell apart, each in rank order: within a group every
     * pair is not significantly different, so a group may be written {@code a ≈ b ≈ c}.
     */
    public List<List<String>> rankGroups() {
        return rankGroups;
    }

    /** Whether two 95% CIs overlap; a single value has no interval, so it can be told apart from nothing. */
    static boolean overlap(Summary a, Summary b) {
        if (a.n() < 2 || b.n() < 2) {
            return true;
        }
        return a.ciLow() <= b.ciHigh() && b.ciLow() <= a.ciHigh();
    }

    private static Map<String, ToDoubleFunction<Cost>> costMetrics() {
        Map<String, ToDoubleFunction<Cost>> m = new LinkedHashMap<>();
        m.put("trainableParams", Cost::trainableParams);
        m.put("totalParams", Cost::totalParams);
        m.put("macsPerSample", Cost::macsPerSample);
        m.put("trainSeconds", Cost::trainSeconds);
        m.put("latencyMedianMs", Cost::latencyMedianMs);
        m.put("latencyP95Ms", Cost::latencyP95Ms);
        m.put("peakMemoryBytes", c -> c.peakMemoryBytes() < 0 ? Double.NaN : c.peakMemoryBytes());
        return java.util.Collections.unmodifiableMap(m);
    }
}
