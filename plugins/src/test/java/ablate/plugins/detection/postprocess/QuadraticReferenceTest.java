package ablate.plugins.detection.postprocess;

import ablate.plugins.detection.Detections;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static ablate.plugins.detection.postprocess.Boxes.run;
import static ablate.plugins.detection.postprocess.ClasswisePostprocessor.BOX_OFFSET;
import static ablate.plugins.detection.postprocess.ClasswisePostprocessor.IOU_THRESHOLD;
import static ablate.plugins.detection.postprocess.ClasswisePostprocessor.KERNEL;
import static ablate.plugins.detection.postprocess.ClasswisePostprocessor.SCORE_THRESHOLD;
import static ablate.plugins.detection.postprocess.ClasswisePostprocessor.SIGMA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The grid-accelerated kernels give bit for bit what the textbook O(n²) loops give: every kept box, every
 * merged corner, every decayed score, in the same order. The references below are written plainly from the
 * papers (Matrix NMS as SOLOv2's full matrices, Soft-NMS as the released loop), on random groups that are dense, sparse, on an integer grid (exact IoU ties,
 * identical and zero-area boxes) and with boxes spanning the whole image.
 */
class QuadraticReferenceTest {
    private static final double[] THRESHOLDS = {0, 0.3, 0.5, 0.7, 1};

    /** Rows {x1, y1, x2, y2, score}, sorted by descending score (stable), as the kernels sort them. */
    private static List<double[][]> groups() {
        Random rnd = new Random(7);
        List<double[][]> groups = new ArrayList<>();
        for (int n : new int[]{1, 2, 5, 33, 80, 200, 400}) {
            for (int style = 0; style < 4; style++) {
                double[][] rows = new double[n][];
                int objects = Math.max(1, n / (style == 1 ? 2 : 8));
                double[][] obj = new double[objects][];
                for (int k = 0; k < objects; k++) {
                    obj[k] = new double[]{rnd.nextDouble() * 300, rnd.nextDouble() * 300, 5 + rnd.nextDouble() * 60,
                            5 + rnd.nextDouble() * 60};
                }
                for (int i = 0; i < n; i++) {
                    double[] o = obj[rnd.nextInt(objects)];
                    double x = o[0] + (rnd.nextDouble() - 0.5) * o[2] * 0.5;
                    double y = o[1] + (rnd.nextDouble() - 0.5) * o[3] * 0.5;
                    double w = o[2] * (0.7 + 0.6 * rnd.nextDouble());
                    double h = o[3] * (0.7 + 0.6 * rnd.nextDouble());
                    double score = rnd.nextDouble();
                    if (style == 2) { // integer grid, tied scores, zero-area boxes
                        x = rnd.nextInt(8);
                        y = rnd.nextInt(8);
                        w = rnd.nextInt(4);
                        h = rnd.nextInt(4);
                        score = rnd.nextInt(4) / 4.0;
                    }
                    if (style == 3) { // spread out, a few boxes spanning everything
                        x *= 3;
                        y *= 3;
                        if (rnd.nextInt(40) == 0) {
                            x = 450;
                            y = 450;
                            w = 900 + rnd.nextDouble() * 10;
                            h = 900;
                        }
                    }
                    rows[i] = new double[]{x - w / 2, y - h / 2, x + w / 2, y + h / 2, score};
                    if (i > 0 && rnd.nextInt(10) == 0) {
                        rows[i] = rows[rnd.nextInt(i)].clone(); // an identical copy
                    }
                }
                groups.add(rows);
            }
        }
        return groups;
    }

    private static double[][] sorted(double[][] rows) {
        Integer[] order = new Integer[rows.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(rows[b][4], rows[a][4]));
        double[][] out = new double[rows.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = Arrays.copyOf(rows[order[i]], 6);
            out[i][5] = order[i];
        }
        return out;
    }

    private static double area(double[] b, double offset) {
        return (b[2] - b[0] + offset) * (b[3] - b[1] + offset);
    }

    private static double iou(double[] a, double[] b, double offset) {
        double iw = Math.min(a[2], b[2]) - Math.max(a[0], b[0]) + offset;
        double ih = Math.min(a[3], b[3]) - Math.max(a[1], b[1]) + offset;
        double inter = Math.max(iw, 0) * Math.max(ih, 0);
        double union = area(a, offset) + area(b, offset) - inter;
        return union > 0 ? inter / union : 0;
    }

    private static List<double[]> output(Detections d) {
        List<double[]> out = new ArrayList<>();
        for (int k = 0; k < d.size(); k++) {
            out.add(new double[]{d.x1(k), d.y1(k), d.x2(k), d.y2(k), d.score(k), d.source(k)});
        }
        return out;
    }

    private static void assertSame(List<double[]> actual, List<double[]> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int k = 0; k < expected.size(); k++) {
            assertThat(actual.get(k)).containsExactly(expected.get(k));
        }
    }

    @Test
    void greedyAndDiou() {
        for (double[][] rows : groups()) {
            for (double t : THRESHOLDS) {
                for (int offset : new int[]{0, 1}) {
                    Detections in = Boxes.of(rows);
                    Map<String, Object> params = Map.of(IOU_THRESHOLD, t, BOX_OFFSET, offset);
                    assertSame(output(run(new GreedyNms(), in, params)), greedy(rows, t, offset, false));
                    assertSame(output(run(new DiouNms(), in, params)), greedy(rows, t, offset, true));
                }
            }
        }
    }

    private static List<double[]> greedy(double[][] rows, double t, double offset, boolean diou) {
        double[][] s = sorted(rows);
        boolean[] suppressed = new boolean[s.length];
        List<double[]> kept = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            if (suppressed[i]) {
                continue;
            }
            kept.add(s[i]);
            for (int j = i + 1; j < s.length; j++) {
                double overlap = iou(s[i], s[j], offset);
                if (diou) {
                    double cw = Math.max(s[i][2], s[j][2]) - Math.min(s[i][0], s[j][0]) + offset;
                    double ch = Math.max(s[i][3], s[j][3]) - Math.min(s[i][1], s[j][1]) + offset;
                    double dx = (s[j][0] + s[j][2]) / 2 - (s[i][0] + s[i][2]) / 2;
                    double dy = (s[j][1] + s[j][3]) / 2 - (s[i][1] + s[i][3]) / 2;
                    double c2 = cw * cw + ch * ch;
                    overlap -= c2 > 0 ? (dx * dx + dy * dy) / c2 : 0;
                }
                suppressed[j] |= overlap > t;
            }
        }
        return kept;
    }

    @Test
    void weighted() {
        for (double[][] rows : groups()) {
            for (double t : THRESHOLDS) {
                for (int offset : new int[]{0, 1}) {
                    Map<String, Object> params = Map.of(IOU_THRESHOLD, t, BOX_OFFSET, offset);
                    assertSame(output(run(new WeightedNms(), Boxes.of(rows), params)), weighted(rows, t, offset));
                }
            }
        }
    }

    private static List<double[]> weighted(double[][] rows, double t, double offset) {
        double[][] s = sorted(rows);
        boolean[] suppressed = new boolean[s.length];
        List<double[]> kept = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            if (suppressed[i]) {
                continue;
            }
            double w = s[i][4];
            double[] sum = {w * s[i][0], w * s[i][1], w * s[i][2], w * s[i][3]};
            boolean merged = false;
            for (int j = i + 1; j < s.length; j++) {
                if (!suppressed[j] && iou(s[i], s[j], offset) > t) {
                    suppressed[j] = true;
                    merged = true;
                    w += s[j][4];
                    for (int c = 0; c < 4; c++) {
                        sum[c] += s[j][4] * s[j][c];
                    }
                }
            }
            double[] box = s[i].clone();
            if (merged && w > 0) {
                box[0] = sum[0] / w;
                box[1] = sum[1] / w;
                box[2] = Math.max(sum[2] / w, box[0]);
                box[3] = Math.max(sum[3] / w, box[1]);
            }
            kept.add(box);
        }
        return kept;
    }

    @Test
    void matrix() {
        for (double[][] rows : groups()) {
            for (String kernel : new String[]{MatrixNms.GAUSSIAN, MatrixNms.LINEAR}) {
                for (int offset : new int[]{0, 1}) {
                    Map<String, Object> params = Map.of(KERNEL, kernel, BOX_OFFSET, offset);
                    assertSame(output(run(new MatrixNms(), Boxes.of(rows), params)),
                            matrix(rows, kernel.equals(MatrixNms.GAUSSIAN), 2.0, 0.001, offset));
                }
            }
        }
    }

    /** SOLOv2's matrix_nms: IoU matrix (upper triangle), compensation per row, decay = column-wise min. */
    private static List<double[]> matrix(double[][] rows, boolean gaussian, double sigma, double threshold, double offset) {
        double[][] s = sorted(rows);
        int n = s.length;
        double[][] iou = new double[n][n];
        double[] comp = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                iou[i][j] = iou(s[i], s[j], offset);
                comp[j] = Math.max(comp[j], iou[i][j]);
            }
        }
        List<double[]> out = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            double decay = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double f = gaussian ? Math.exp(-sigma * (iou[i][j] * iou[i][j])) : 1 - iou[i][j];
                double g = gaussian ? Math.exp(-sigma * (comp[i] * comp[i])) : 1 - comp[i];
                double ratio = f / g;
                if (!Double.isNaN(ratio)) { // the linear 0/0 of identical boxes; torch.min would give NaN
                    decay = Math.min(decay, ratio);
                }
            }
            double score = s[j][4] * decay;
            if (score >= threshold) {
                double[] box = s[j].clone();
                box[4] = score;
                out.add(box);
            }
        }
        List<double[]> byScore = new ArrayList<>(out);
        byScore.sort((a, b) -> Double.compare(b[4], a[4])); // List.sort is stable
        return byScore;
    }

    @Test
    void softNms() {
        for (double[][] rows : groups()) {
            for (double threshold : new double[]{0.001, 0.3}) {
                for (int offset : new int[]{0, 1}) {
                    for (double nt : new double[]{0, 0.3, 0.7}) {
                        Map<String, Object> params = Map.of(IOU_THRESHOLD, nt, SCORE_THRESHOLD, threshold, BOX_OFFSET, offset);
                        assertSame(output(run(new SoftNmsLinear(), Boxes.of(rows), params)),
                                softNms(rows, iou -> iou > nt ? 1 - iou : 1, threshold, offset));
                    }
                    for (double sigma : new double[]{0.1, 0.5}) {
                        Map<String, Object> params = Map.of(SIGMA, sigma, SCORE_THRESHOLD, threshold, BOX_OFFSET, offset);
                        assertSame(output(run(new SoftNmsGaussian(), Boxes.of(rows), params)),
                                softNms(rows, iou -> Math.exp(-(iou * iou) / sigma), threshold, offset));
                    }
                }
            }
        }
    }

    /** The loop of the released cpu_soft_nms, on rows in input order: swap the max in, decay, drop by moving the last in. */
    private static List<double[]> softNms(double[][] input, java.util.function.DoubleUnaryOperator weight,
                                          double threshold, double offset) {
        double[][] b = new double[input.length][];
        for (int i = 0; i < b.length; i++) {
            b[i] = Arrays.copyOf(input[i], 6);
            b[i][5] = i;
        }
        int n = b.length;
        for (int i = 0; i < n; i++) {
            int max = i;
            for (int pos = i + 1; pos < n; pos++) {
                if (b[max][4] < b[pos][4]) {
                    max = pos;
                }
            }
            double[] t = b[i];
            b[i] = b[max];
            b[max] = t;
            for (int pos = i + 1; pos < n; pos++) {
                double overlap = iou(b[i], b[pos], offset);
                if (overlap > 0) {
                    b[pos][4] = weight.applyAsDouble(overlap) * b[pos][4];
                    if (b[pos][4] < threshold) {
                        b[pos] = b[n - 1];
                        n--;
                        pos--;
                    }
                }
            }
        }
        return Arrays.asList(b).subList(0, n);
    }
}
