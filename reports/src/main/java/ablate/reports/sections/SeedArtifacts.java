package ablate.reports.sections;

import ablate.reports.VariantAnalysis;
import ablate.results.TrialResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One artifact (example images, crops) of every variant, all from the same seed: side-by-side pictures compare the
 * techniques only when the data, the initialisation and the augmentation behind them are the same.
 *
 * @param seed    the lowest seed for which every variant has a passed trial with the artifact
 * @param columns the artifact of each variant at that seed, in the variants' order
 */
record SeedArtifacts(long seed, List<Object> columns) {

    static Optional<SeedArtifacts> of(List<VariantAnalysis> variants, String artifact) {
        TreeSet<Long> common = null;
        for (VariantAnalysis v : variants) {
            TreeSet<Long> seeds = new TreeSet<>(v.passed().stream().filter(t -> has(t, artifact))
                    .map(TrialResult::seed).toList());
            if (common == null) {
                common = seeds;
            } else {
                common.retainAll(seeds);
            }
        }
        if (common == null || common.isEmpty()) {
            return Optional.empty();
        }
        long seed = common.first();
        List<Object> columns = new ArrayList<>();
        for (VariantAnalysis v : variants) {
            columns.add(v.passed().stream().filter(t -> t.seed() == seed && has(t, artifact)).findFirst()
                    .map(t -> t.artifacts().get(artifact)).orElse(null));
        }
        return Optional.of(new SeedArtifacts(seed, columns));
    }

    static boolean has(TrialResult t, String artifact) {
        return t.artifacts() != null && t.artifacts().containsKey(artifact);
    }
}
