package ablate.reports.history;

import java.nio.file.Path;
import java.util.Map;

/**
 * One run in the history store: a suite's summary at a commit, on a machine.
 *
 * @param file       the record's file (for messages and links)
 * @param suite      suite name
 * @param commit     commit id as given (a CI's full SHA, or the short id the run recorded)
 * @param date       ISO-8601 instant the run was added (orders the points)
 * @param machine    machine or CI runner label: numbers from different machines are separate series
 * @param report     path of the run's copied report relative to the store, or null
 * @param directions metric → "higher", "lower" or "none"
 * @param series     variant → metric → point
 * @param failed     trials that did not pass in the run
 */
public record HistoryRecord(Path file, String suite, String commit, String date, String machine, String report,
                            Map<String, String> directions, Map<String, Map<String, Point>> series, int failed) {

    /** A run's mean over its seeds, its 95% CI and the standard error the change-point fit weighs it by. */
    public record Point(int n, double mean, double sd, double ciLow, double ciHigh) {
        public double se() {
            return n > 1 && Double.isFinite(sd) ? sd / Math.sqrt(n) : Double.NaN;
        }
    }

    public String shortCommit() {
        return commit.length() > 10 ? commit.substring(0, 10) : commit;
    }
}
