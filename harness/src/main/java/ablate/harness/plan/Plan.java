package ablate.harness.plan;

import ablate.harness.suite.Suite;
import ablate.results.SuiteInfo;

import java.util.List;

/**
 * A suite expanded into trials, variant-major (every seed of the baseline first).
 *
 * @param variants every variant with its resolved slots, baseline first
 */
public record Plan(Suite suite, SuiteInfo info, List<SuiteInfo.Variant> variants, List<Trial> trials) {
}
