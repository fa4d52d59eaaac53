package ablate.reports.compare;

/** What {@code ablate compare} concludes about one variant's metric between two runs. */
public enum Verdict {
    /** Better beyond the tolerance, Holm-significant. */
    IMPROVED,
    /** Worse beyond the tolerance, Holm-significant: fails the gate. */
    REGRESSED,
    /** The confidence interval of the change lies within ± the tolerance (or the change is significant but within it). */
    UNCHANGED,
    /** Neither shown worse nor shown within the tolerance: too few seeds or too much noise to tell. */
    INCONCLUSIVE,
    /** A metric with no better direction moved significantly: reported, never a regression. */
    CHANGED;

    public String label() {
        return name().toLowerCase();
    }
}
