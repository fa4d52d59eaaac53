package ablate.reports.compare;

import java.util.List;

/**
 * The outcome of {@code ablate compare}.
 *
 * @param suite        suite name
 * @param base         where the base run was read from
 * @param head         where the new run was read from
 * @param changes      every variant × metric compared
 * @param newFailures  trials that passed in the base and do not now
 * @param claimChanges claims whose verdict differs
 * @param notCompared  variants or variant · metric pairs held by only one run, with which ("only in base: se")
 */
public record GateResult(String suite, String base, String head, List<MetricChange> changes,
                         List<NewFailure> newFailures, List<ClaimChange> claimChanges, List<String> notCompared) {

    public record NewFailure(String variant, long seed, String status) {
    }

    public record ClaimChange(String claim, String before, String now) {
    }

    public long count(Verdict v) {
        return changes.stream().filter(c -> c.verdict() == v).count();
    }

    /** 1 when a metric regressed or a trial that passed before fails now, else 0. */
    public int exitCode() {
        return count(Verdict.REGRESSED) > 0 || !newFailures.isEmpty() ? 1 : 0;
    }
}
