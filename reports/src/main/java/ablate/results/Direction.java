package ablate.results;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Which way a metric improves. Every metric a task records declares one, so a report never colours a worse
 * calibration (ECE) or a larger loss as an improvement by assuming that higher is better.
 */
public enum Direction {
    /** Higher is better: accuracy, mAP, recovery rate. */
    HIGHER,
    /** Lower is better: losses, error rates, calibration error, times. */
    LOWER,
    /** Neither is better (a descriptive figure such as the mean chosen model size): tested, never coloured. */
    NONE;

    /**
     * The declared direction of {@code metric}; a name with an {@code @…} suffix (the same figure under a condition,
     * e.g. {@code postprocessMs@crowding=0.5}) follows its base name. Null when neither is declared.
     */
    public static Direction of(Map<String, Direction> declared, String metric) {
        if (declared == null || metric == null) {
            return null;
        }
        Direction d = declared.get(metric);
        int at = metric.indexOf('@');
        return d != null || at <= 0 ? d : declared.get(metric.substring(0, at));
    }

    /** The recorded metric names that have no declared direction, in the order given. */
    public static List<String> undeclared(Map<String, Direction> declared, Collection<String> recorded) {
        return recorded.stream().filter(m -> of(declared, m) == null).distinct().toList();
    }
}
