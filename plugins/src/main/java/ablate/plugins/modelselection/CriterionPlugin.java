package ablate.plugins.modelselection;

import ablate.harness.spi.Plugin;
import ablate.metrics.selection.Criterion;
import ablate.metrics.selection.InformationCriteria;

import java.util.List;

/**
 * Slot {@code criterion}: an information criterion that picks one of several fitted candidate models, the one with
 * the smallest value. The values themselves are computed by {@link InformationCriteria} (metrics module).
 */
public interface CriterionPlugin extends Plugin {
    String SLOT = "criterion";

    Criterion criterion();

    /** Index of the chosen candidate (the first on ties), -1 when the criterion is defined for none. */
    default int select(List<InformationCriteria> candidates) {
        return criterion().select(candidates);
    }
}
