package ablate.reports;

import ablate.results.TrialResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The x axis of a curve. By default a curve's points are epochs 1, 2, …, N; a task may declare other x values for
 * a curve in the artifact {@value #ARTIFACT}: {@code {curveName: {"label": "sample size n", "values": [20, 50,
 * 200, 1000]}}}, one finite value per point of the curve, strictly increasing. A declaration that is malformed or
 * whose length differs from the curve's is ignored: the curve falls back to the epoch index.
 *
 * @param label    the axis title
 * @param values   the x value of each point
 * @param declared whether a task declared it (else it is the epoch index)
 */
public record CurveAxis(String label, List<Double> values, boolean declared) {
    public static final String ARTIFACT = "curveAxes";
    static final String EPOCH = "epoch";
    /** A declared axis is logarithmic when its values are positive and span more than this factor (as the cost scatter's). */
    static final double LOG_RATIO = 20;

    public CurveAxis {
        values = List.copyOf(values);
    }

    /** What a task puts under {@value #ARTIFACT} for one curve: {@code {"label": label, "values": values}}. */
    public static Map<String, Object> declare(String label, List<? extends Number> values) {
        Map<String, Object> declaration = new java.util.LinkedHashMap<>();
        declaration.put("label", label);
        declaration.put("values", List.copyOf(values));
        return declaration;
    }

    /** Epochs 1..n. */
    static CurveAxis epochs(int n) {
        List<Double> values = new ArrayList<>(n);
        for (int e = 1; e <= n; e++) {
            values.add((double) e);
        }
        return new CurveAxis(EPOCH, values, false);
    }

    /** The x value of the i-th point. */
    double x(int i) {
        return values.get(i);
    }

    double min() {
        return values.isEmpty() ? 1 : values.get(0);
    }

    double max() {
        return values.isEmpty() ? 1 : values.get(values.size() - 1);
    }

    /** Whether the axis is drawn on a log scale: a declared one with positive values spanning more than {@link #LOG_RATIO}. */
    boolean log() {
        return declared && min() > 0 && max() / min() > LOG_RATIO;
    }

    /**
     * The axis of {@code curve} across trials: the declared one when every trial that recorded the curve declares
     * the same valid axis for it, else the epoch index as long as the longest of them.
     */
    static CurveAxis of(String curve, List<TrialResult> trials) {
        CurveAxis common = null;
        int longest = 0;
        boolean agree = true;
        for (TrialResult t : trials) {
            List<Double> c = t.curves() == null ? null : t.curves().get(curve);
            if (c == null) {
                continue;
            }
            longest = Math.max(longest, c.size());
            Optional<CurveAxis> d = declared(t, curve);
            if (d.isEmpty() || (common != null && !common.equals(d.get()))) {
                agree = false;
            } else {
                common = d.get();
            }
        }
        return agree && common != null ? common : epochs(longest);
    }

    /** A trial's valid declaration for one of its curves; empty when there is none or it is malformed. */
    static Optional<CurveAxis> declared(TrialResult t, String curve) {
        List<Double> c = t.curves() == null ? null : t.curves().get(curve);
        if (c == null || t.artifacts() == null || !(t.artifacts().get(ARTIFACT) instanceof Map<?, ?> axes)
                || !(axes.get(curve) instanceof Map<?, ?> axis) || !(axis.get("label") instanceof String label)
                || label.isBlank() || !(axis.get("values") instanceof List<?> raw) || raw.size() != c.size()) {
            return Optional.empty();
        }
        List<Double> values = new ArrayList<>(raw.size());
        for (Object o : raw) {
            if (!(o instanceof Number n) || !Double.isFinite(n.doubleValue())
                    || (!values.isEmpty() && n.doubleValue() <= values.get(values.size() - 1))) {
                return Optional.empty();
            }
            values.add(n.doubleValue());
        }
        return values.isEmpty() ? Optional.empty() : Optional.of(new CurveAxis(label, values, true));
    }
}
