package ablate.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Places box labels on an image so that no two overlap: each label tries, in order, just above its box, just inside
 * its top edge, just below it, then further up or down by one line at a time; a label with no free place is left out
 * (its box is still drawn). Callers place the most confident detections first, so those keep the best spots.
 * Text width is estimated (bold sans-serif: about 0.62 em per character), which is all an SVG without script can do.
 */
final class LabelLayout {
    private static final double EM_PER_CHAR = 0.62;
    private final double width;
    private final double height;
    private final double fontSize;
    private final List<double[]> taken = new ArrayList<>();

    LabelLayout(double width, double height, double fontSize) {
        this.width = width;
        this.height = height;
        this.fontSize = fontSize;
    }

    /** The text's baseline origin {x, y} for a label of {@code box} (x, y, w, h), or empty when it fits nowhere. */
    Optional<double[]> place(double[] box, String label) {
        double w = label.length() * fontSize * EM_PER_CHAR;
        double x = Math.max(0, Math.min(box[0] + fontSize / 4, width - w));
        double above = box[1] - fontSize / 4;
        double inside = box[1] + fontSize;
        double below = box[1] + box[3] + fontSize;
        List<Double> baselines = new ArrayList<>(List.of(above, inside, below));
        for (int k = 1; k <= 3; k++) {
            baselines.add(above - k * fontSize * 1.1);
            baselines.add(below + k * fontSize * 1.1);
        }
        for (double y : baselines) {
            double[] r = {x, y - fontSize, x + w, y + fontSize * 0.25}; // cap height to descender
            if (r[1] >= 0 && r[3] <= height && taken.stream().noneMatch(t -> overlaps(t, r))) {
                taken.add(r);
                return Optional.of(new double[]{x, y});
            }
        }
        return Optional.empty();
    }

    static boolean overlaps(double[] a, double[] b) {
        return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
    }
}
