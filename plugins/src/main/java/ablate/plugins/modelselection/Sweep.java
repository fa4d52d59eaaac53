package ablate.plugins.modelselection;

import ablate.metrics.selection.InformationCriteria;

import java.util.List;

/**
 * Replicated data sets with a known true model, each with its fitted candidates: the evidence a criterion chooses
 * from. Candidate i of a replicate is the model of size {@code firstCandidate + i} (polynomial order, component
 * count); a failed fit is null and never chosen.
 *
 * @param truth          size of the true model
 * @param firstCandidate size of the first candidate
 * @param cells          one per (n, noise) setting
 */
record Sweep(int truth, int firstCandidate, List<Cell> cells) {

    /**
     * @param n          observations per data set
     * @param noise      the setting's noise level (σ of the polynomial data; 0 where not applicable)
     * @param replicates per data set, the candidates' criteria in candidate order
     */
    record Cell(int n, double noise, List<List<InformationCriteria>> replicates) {
    }

    /** How often a criterion chose the true size, a larger or a smaller one, over the cells with {@code n}. */
    Tally tally(CriterionPlugin criterion, int n, Double noise) {
        Tally t = new Tally(truth);
        for (Cell c : cells) {
            if (c.n() == n && (noise == null || c.noise() == noise)) {
                for (List<InformationCriteria> candidates : c.replicates()) {
                    int chosen = criterion.select(candidates);
                    t.add(chosen < 0 ? -1 : firstCandidate + chosen);
                }
            }
        }
        return t;
    }

    /** Counts of choices against the true size; a replicate where the criterion chose nothing counts as {@code none}. */
    static final class Tally {
        private final int truth;
        private int total;
        private int recovered;
        private int over;
        private int under;
        private int none;
        private long sizeSum;

        Tally(int truth) {
            this.truth = truth;
        }

        void add(int chosenSize) {
            total++;
            if (chosenSize < 0) {
                none++;
                return;
            }
            sizeSum += chosenSize;
            if (chosenSize == truth) {
                recovered++;
            } else if (chosenSize > truth) {
                over++;
            } else {
                under++;
            }
        }

        int total() {
            return total;
        }

        int none() {
            return none;
        }

        double recoveryRate() {
            return (double) recovered / total;
        }

        double overSelectRate() {
            return (double) over / total;
        }

        double underSelectRate() {
            return (double) under / total;
        }

        /** Mean chosen size over the replicates where something was chosen (NaN when none was). */
        double meanSize() {
            return total == none ? Double.NaN : (double) sizeSum / (total - none);
        }
    }
}
