package ablate.metrics.selection;

import java.util.List;

/** An information criterion, and the choice it makes among candidate models (the smallest value wins). */
public enum Criterion {
    AIC, AICC, BIC;

    public double of(InformationCriteria c) {
        return switch (this) {
            case AIC -> c.aic();
            case AICC -> c.aicc();
            case BIC -> c.bic();
        };
    }

    /** Index of the candidate with the smallest defined value (the first on ties), -1 when none is defined. */
    public int select(List<InformationCriteria> candidates) {
        int best = -1;
        for (int i = 0; i < candidates.size(); i++) {
            InformationCriteria c = candidates.get(i);
            if (c != null && !Double.isNaN(of(c)) && (best < 0 || of(c) < of(candidates.get(best)))) {
                best = i;
            }
        }
        return best;
    }

    /** Lower-case name, as the CLI and JSON write it. */
    public String key() {
        return name().toLowerCase();
    }
}
