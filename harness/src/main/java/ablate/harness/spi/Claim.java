package ablate.harness.spi;

/**
 * A claim from the literature whose direction a suite can check against its baseline.
 *
 * @param metric    the metric the claim is about (e.g. {@code accuracy}, {@code mAP})
 * @param direction whether the plugin should raise or lower that metric relative to the baseline
 * @param text      the claim as published, with numbers and setting
 */
public record Claim(String metric, Direction direction, String text) {
    public enum Direction { HIGHER, LOWER }

    public static Claim raises(String metric, String text) {
        return new Claim(metric, Direction.HIGHER, text);
    }

    public static Claim lowers(String metric, String text) {
        return new Claim(metric, Direction.LOWER, text);
    }
}
