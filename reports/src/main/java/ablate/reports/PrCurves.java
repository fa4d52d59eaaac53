package ablate.reports;

import ablate.results.TrialResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A trial's precision–recall curves, one per category, read from the artifact {@value #ARTIFACT}: {@code {"iou":
 * 0.5, "set": "…", "recall": [r…], "curves": [{"categoryId": 1, "category": "disc", "objects": 120, "ap": 0.81,
 * "precision": [p…]}]}}, one precision per recall point (non-finite or null where undefined). A malformed artifact
 * reads as none; a category whose precision list does not match the recall points is left out.
 *
 * @param iou      the IoU threshold a detection must reach to match a true box
 * @param set      the test set it was measured on
 * @param recall   the recall points
 * @param curves   the categories' curves, in the artifact's order
 */
public record PrCurves(double iou, String set, List<Double> recall, List<Category> curves) {
    public static final String ARTIFACT = "prCurves";

    /** One category's curve: its id, name, number of true objects, average precision and precision per recall point. */
    public record Category(long id, String name, long objects, double ap, List<Double> precision) {
    }

    /** The trial's curves; empty when it has none, or none readable. */
    public static Optional<PrCurves> of(TrialResult t) {
        if (t.artifacts() == null || !(t.artifacts().get(ARTIFACT) instanceof Map<?, ?> m)
                || !(m.get("curves") instanceof List<?> raw)) {
            return Optional.empty();
        }
        List<Double> recall = numbers(m.get("recall"));
        if (recall == null || recall.isEmpty()) {
            return Optional.empty();
        }
        List<Category> curves = new ArrayList<>();
        for (Object o : raw) {
            if (o instanceof Map<?, ?> c && c.get("categoryId") instanceof Number id) {
                List<Double> precision = numbers(c.get("precision"));
                if (precision != null && precision.size() == recall.size()) {
                    curves.add(new Category(id.longValue(), String.valueOf(c.get("category") == null ? id : c.get("category")),
                            c.get("objects") instanceof Number n ? n.longValue() : 0,
                            c.get("ap") instanceof Number ap ? ap.doubleValue() : Double.NaN, precision));
                }
            }
        }
        double iou = m.get("iou") instanceof Number n ? n.doubleValue() : Double.NaN;
        String set = m.get("set") == null ? "" : String.valueOf(m.get("set"));
        return curves.isEmpty() ? Optional.empty() : Optional.of(new PrCurves(iou, set, recall, List.copyOf(curves)));
    }

    /** Category names by id, for labelling detections. */
    Map<Long, String> names() {
        Map<Long, String> names = new java.util.LinkedHashMap<>();
        curves.forEach(c -> names.put(c.id(), c.name()));
        return names;
    }

    /** A list of numbers (null entries and non-finite values kept as NaN); null when it is not a list of numbers. */
    static List<Double> numbers(Object value) {
        if (!(value instanceof List<?> list)) {
            return null;
        }
        List<Double> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (o != null && !(o instanceof Number)) {
                return null;
            }
            out.add(o == null ? Double.NaN : ((Number) o).doubleValue());
        }
        return out;
    }
}
