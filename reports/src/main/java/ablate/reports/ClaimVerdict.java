package ablate.reports;

import ablate.results.SuiteInfo;

/**
 * The verdict on one plugin claim.
 *
 * @param variant    the variant that carries the plugin
 * @param claim      the claim as declared
 * @param verdict    reproduced / contradicted / inconclusive
 * @param reason     the evidence in one line, e.g. {@code Δ=+0.0123, n=5, p=0.003 (paired t, Holm)}
 * @param comparison the comparison the verdict rests on, null when none could be made
 */
public record ClaimVerdict(String variant, SuiteInfo.ClaimInfo claim, Verdict verdict, String reason,
                           Comparison comparison) {

    public enum Verdict {
        REPRODUCED, CONTRADICTED, INCONCLUSIVE;

        public String label() {
            return name().toLowerCase();
        }
    }
}
