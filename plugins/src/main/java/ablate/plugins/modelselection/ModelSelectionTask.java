package ablate.plugins.modelselection;

import ablate.plugins.common.SharedWork;
import ablate.datasets.FashionMnist;
import ablate.harness.spi.DatasetSpec;
import ablate.harness.spi.Plugin;
import ablate.harness.spi.SlotSpec;
import ablate.harness.spi.Task;
import ablate.harness.spi.TrialContext;
import ablate.harness.spi.TrialOutcome;
import ablate.plugins.classification.BackbonePlugin;
import ablate.results.Direction;
import com.google.inject.Inject;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Model selection by information criteria: the {@code criterion} slot's plugin chooses (a) the order of a
 * polynomial, (b) the component count of a Gaussian mixture, both on synthetic data with a known truth replicated
 * many times from the trial's seed, and (c) one of several classifiers trained on Fashion-MNIST (dataset
 * {@code fashion-mnist} only). Metrics: how often the true order / count is recovered, over-selected, and the
 * chosen network's test accuracy; the primary metric {@code recoveryRate} is the polynomial recovery rate
 * averaged over the sample sizes. Options: see {@link Settings}.
 *
 * <p>The trials of one seed see the same data and differ only in the criterion, so what they choose from is
 * computed once per seed and settings ({@link SharedWork}: in memory, and on disk under the results' cache directory
 * so that trial processes, shards and {@code --resume} compute it once; key in {@link EvidenceCache}); each trial's
 * train time is that computation's.
 */
public final class ModelSelectionTask implements Task {
    static final String FASHION_MNIST = "fashion-mnist";
    /** The evidence of the most recent seeds and settings: the trials of one seed differ only in the criterion. */
    static final SharedWork<Evidence> EVIDENCE = new SharedWork<>("evidence", 32, EvidenceCache.CODEC);
    static final String SYNTHETIC = "synthetic";

    private final Map<String, BackbonePlugin> models = new TreeMap<>();

    /** @param plugins every discovered plugin; the model plugins among them build the candidate networks */
    @Inject
    public ModelSelectionTask(Set<Plugin> plugins) {
        for (Plugin p : plugins) {
            if (p instanceof BackbonePlugin b) {
                models.put(b.id(), b);
            }
        }
    }

    @Override
    public String id() {
        return "model-selection";
    }

    @Override
    public String summary() {
        return "AIC/AICc/BIC choosing polynomial orders, mixture component counts and Fashion-MNIST classifiers";
    }

    @Override
    public List<SlotSpec> slots() {
        return List.of(new SlotSpec(CriterionPlugin.SLOT, CriterionPlugin.class, "criterion.aic",
                "information criterion that chooses among the fitted candidates"));
    }

    @Override
    public List<String> datasets() {
        return List.of(FASHION_MNIST, SYNTHETIC);
    }

    @Override
    public String primaryMetric() {
        return Scores.RECOVERY;
    }

    /**
     * Named without the sample size (the report reads {@code overSelectRate@n=200} as {@code overSelectRate}):
     * recovery and the chosen network's accuracy are higher-is-better, over-selection and the accuracy shortfall
     * lower-is-better; the mean chosen size and the chosen network's parameters are descriptive (neither).
     */
    @Override
    public Map<String, Direction> metrics() {
        return Scores.DIRECTIONS;
    }

    @Override
    public void prepare(DatasetSpec dataset, Map<String, Object> options, Path dataDir) {
        Settings.parse(options);
        if (!dataset.options().isEmpty()) {
            throw new IllegalArgumentException("dataset." + dataset.options().keySet().iterator().next()
                    + ": task model-selection takes no dataset options");
        }
        if (dataset.name().equals(FASHION_MNIST)) {
            FashionMnist.load(dataset.source(), dataDir, dataset.train(), dataset.test(), 0);
        }
    }

    /** The criteria of one seed all score its {@link Evidence} (the fits): one shard for them, fitted once. */
    @Override
    public Object shareKey(Map<String, Object> config) {
        return Task.withoutSlots(config, CriterionPlugin.SLOT);
    }

    @Override
    public TrialOutcome run(TrialContext ctx) throws Exception {
        Settings settings = Settings.parse(ctx.options());
        boolean withNetworks = ctx.dataset().name().equals(FASHION_MNIST);
        List<NetworkStudy.Spec> specs = withNetworks
                ? settings.networks().stream().map(t -> NetworkStudy.parse(t, models)).toList() : List.of();
        CriterionPlugin criterion = ctx.slot(CriterionPlugin.SLOT, CriterionPlugin.class).plugin();
        SharedWork.Lookup<Evidence> lookup = EVIDENCE.get(EvidenceCache.key(ctx, settings, withNetworks), ctx.cacheDir(),
                () -> evidence(settings, specs, ctx), ctx::checkCancelled);
        return Scores.outcome(lookup.value(), criterion, settings, lookup.computedHere());
    }

    /** Everything the criteria choose from, from the seed alone: independent of the criterion. */
    static Evidence evidence(Settings settings, List<NetworkStudy.Spec> specs, TrialContext ctx) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        SplittableRandom root = new SplittableRandom(ctx.seed());
        Sweep polynomial = PolynomialStudy.run(settings, root.split(), ctx::checkCancelled);
        long t1 = System.nanoTime();
        seconds.put("polynomial", (t1 - t0) / 1e9);
        Sweep mixture = MixtureStudy.run(settings, root.split(), ctx::checkCancelled);
        long t2 = System.nanoTime();
        seconds.put("mixture", (t2 - t1) / 1e9);
        String source = "synthetic polynomial and Gaussian-mixture data drawn from the seed";
        List<NetworkStudy.Candidate> networks = List.of();
        if (!specs.isEmpty()) {
            DatasetSpec d = ctx.dataset();
            FashionMnist.Split data = FashionMnist.load(d.source(), ctx.dataDir(), d.train(), d.test(), ctx.seed());
            networks = NetworkStudy.run(specs, data, ctx);
            source += "; networks: " + data.description();
            seconds.put("networks", (System.nanoTime() - t2) / 1e9);
        }
        return new Evidence(polynomial, mixture, networks, source, seconds);
    }
}
