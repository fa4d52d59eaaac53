package ablate.plugins.modelselection;

import java.util.List;
import java.util.Map;

/**
 * Everything the criteria choose from in one trial, and it depends only on the seed and the suite's settings,
 * never on the criterion: the fitted polynomial orders, the fitted mixtures and the trained networks.
 *
 * @param polynomial  the polynomial-order sweep
 * @param mixture     the mixture-component sweep
 * @param networks    the trained candidate classifiers (empty for the synthetic dataset)
 * @param dataSource  what data the trial used, for the report's provenance
 * @param seconds     wall time to compute each part ({@code polynomial}, {@code mixture}, {@code networks})
 */
record Evidence(Sweep polynomial, Sweep mixture, List<NetworkStudy.Candidate> networks, String dataSource,
                Map<String, Double> seconds) {

    double totalSeconds() {
        return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
