package ablate.plugins.detection.postprocess;

import ablate.harness.spi.Claim;
import ablate.harness.spi.PluginInfo;

import java.util.Arrays;

/**
 * Soft-NMS as in the code released with Bodla et al. 2017 ({@code cpu_soft_nms}, bharatsingh430/soft-nms):
 * the boxes sit in an array; step i swaps the highest remaining score into position i (the first such
 * position on ties), then visits positions i+1, i+2, ... and multiplies the score of every box overlapping the
 * kept one (IoU > 0) by a weight, dropping a box whose new score is below the threshold by moving the last box
 * of the array into its place (and visiting that box next). A box that never overlaps a kept box keeps its
 * score, whatever it is. The released code works in float32 with a fixed +1 pixel offset; this one works in
 * double, with the offset a parameter.
 * <p>
 * Same result, position for position, in less time: a tournament tree over positions finds the leftmost
 * maximum in O(log n) instead of a scan, and a {@link SpatialGrid} finds the boxes overlapping the kept one;
 * only those can change, so the visit is replayed over them alone, in position order.
 */
abstract class SoftNms extends ClasswisePostprocessor {
    public static final double DEFAULT_SCORE_THRESHOLD = 0.001;
    static final String CITATION = "N. Bodla, B. Singh, R. Chellappa, L. S. Davis. Soft-NMS -- Improving Object "
            + "Detection With One Line of Code. ICCV 2017";
    static final Claim CLAIM = Claim.raises("mAP", "Soft-NMS instead of greedy NMS raises mAP by 1.7 points for "
            + "R-FCN and Faster R-CNN on PASCAL VOC 2007 and by 1.3 (R-FCN) and 1.1 (Faster R-CNN) on MS-COCO, "
            + "with no retraining; gains grow with crowding (Bodla et al. 2017)");

    SoftNms(PluginInfo info) {
        super(info);
    }

    /** The weight of a box at IoU {@code iou} (> 0) with the box just kept. */
    @FunctionalInterface
    interface Weight {
        double of(double iou);
    }

    static int run(BoxGroup g, Weight weight, double scoreThreshold, double offset) {
        int n = g.size;
        g.computeAreas(offset);
        // Box data stays at its entry ("id"); the array of the released code is the permutation idAt.
        double[] score = g.score;
        int[] idAt = new int[n];
        int[] positionOf = new int[n];
        Tournament best = new Tournament(n);
        SpatialGrid grid = g.grid;
        grid.reset(g, n, offset);
        for (int id = 0; id < n; id++) {
            idAt[id] = id;
            positionOf[id] = id;
            best.set(id, score[id]);
            grid.insert(id, g.x1[id], g.y1[id], g.x2[id], g.y2[id]);
        }
        int[] near = g.candidates;
        long[] visits = new long[n]; // position << 32 | id, of the boxes overlapping the kept one
        double[] overlap = new double[n]; // by id
        for (int i = 0; i < n; i++) {
            int max = best.leftmostMax();
            int kept = idAt[max];
            idAt[max] = idAt[i];
            positionOf[idAt[max]] = max;
            idAt[i] = kept;
            positionOf[kept] = i;
            best.set(max, score[idAt[max]]);
            best.set(i, Double.NEGATIVE_INFINITY);

            int found = grid.query(g.x1[kept] - offset, g.y1[kept] - offset, g.x2[kept] + offset,
                    g.y2[kept] + offset, near);
            int count = 0;
            for (int q = 0; q < found; q++) {
                int id = near[q];
                if (positionOf[id] > i) {
                    double iou = g.iou(kept, id, offset);
                    if (iou > 0) {
                        overlap[id] = iou;
                        visits[count++] = (long) positionOf[id] << 32 | id;
                    }
                }
            }
            Arrays.sort(visits, 0, count);
            int last = count - 1;
            for (int v = 0; v <= last; ) {
                int id = (int) visits[v];
                int pos = positionOf[id];
                score[id] = weight.of(overlap[id]) * score[id];
                if (!(score[id] < scoreThreshold)) {
                    best.set(pos, score[id]);
                    v++;
                    continue;
                }
                positionOf[id] = -1;
                int moved = idAt[n - 1];
                best.set(n - 1, Double.NEGATIVE_INFINITY);
                n--;
                if (pos == n) {
                    v++;
                    continue;
                }
                idAt[pos] = moved;
                positionOf[moved] = pos;
                best.set(pos, score[moved]);
                if (last > v && (int) visits[last] == moved) {
                    visits[v] = (long) pos << 32 | moved; // it overlaps too: visited next, at its new position
                    last--;
                } else {
                    v++;
                }
            }
        }
        g.reorder(idAt, n);
        return n;
    }

    /** For each node the leftmost position holding the largest score below it (ties go left, like the scan). */
    private static final class Tournament {
        private final int leaves;
        private final double[] value;
        private final int[] winner;

        Tournament(int n) {
            int size = 1;
            while (size < n) {
                size <<= 1;
            }
            leaves = size;
            value = new double[size];
            Arrays.fill(value, Double.NEGATIVE_INFINITY);
            winner = new int[2 * size];
            for (int p = 0; p < size; p++) {
                winner[size + p] = p;
            }
            for (int node = size - 1; node >= 1; node--) {
                winner[node] = winner[2 * node];
            }
        }

        void set(int position, double score) {
            value[position] = score;
            for (int node = (position + leaves) >> 1; node >= 1; node >>= 1) {
                int left = winner[2 * node];
                int right = winner[2 * node + 1];
                winner[node] = value[left] < value[right] ? right : left;
            }
        }

        int leftmostMax() {
            return winner[1];
        }
    }
}
