package ablate.metrics.segmentation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Two images (5×6 and 4×4), 5 classes, ignore index 255: class 3 is absent from both maps (null everywhere), class 4
 * is only predicted (IoU/Dice 0, accuracy null), one counted pixel is predicted as 255 (a miss) and one ignored pixel
 * has a prediction (skipped). Reference: numpy with FCN's {@code fast_hist} plus a column for "predicted 255":
 * <pre>
 * def hist(a, b, n): k = (a &gt;= 0) &amp; (a &lt; n); return np.bincount((n+1)*a[k] + b[k], minlength=n*(n+1)).reshape(n, n+1)
 * h = hist(g1, np.where(p1==255, C, p1), C) + hist(g2, np.where(p2==255, C, p2), C)
 * tp = np.diag(h[:, :C]); gtpix = h.sum(1); fp = h[:, :C].sum(0) - tp; fn = gtpix - tp
 * acc = tp/gtpix; iou = tp/(tp+fp+fn); dice = 2*tp/(2*tp+fp+fn); freq = gtpix/gtpix.sum()
 * tp.sum()/gtpix.sum(); np.nanmean(acc); np.nanmean(iou); np.nanmean(dice); (freq[freq&gt;0]*iou[freq&gt;0]).sum()
 * </pre>
 */
class SegmentationMetricsTest {
    static final int[] G1 = {255, 255, 2, 1, 1, 1, 2, 0, 1, 0, 1, 2, 1, 0, 1, 0, 2, 2, 2, 1, 2, 1, 0, 1, 1, 1, 2, 0, 2, 0};
    static final int[] P1 = {255, 0, 2, 1, 1, 1, 1, 0, 1, 2, 1, 2, 1, 0, 1, 255, 2, 0, 2, 1, 0, 1, 0, 1, 0, 2, 0, 1, 2, 4};
    static final int[] G2 = {2, 2, 2, 0, 1, 0, 0, 2, 0, 1, 0, 0, 2, 0, 0, 255};
    static final int[] P2 = {2, 2, 2, 0, 1, 0, 1, 0, 0, 1, 2, 0, 2, 0, 0, 0};

    @Test
    void matchesNumpyReference() {
        SegmentationConfusion c = new SegmentationConfusion(5, 255);
        c.add(G1, P1, "a.png");
        c.add(G2, P2, "b.png");
        SegmentationMetrics m = c.metrics();
        assertThat(m.pixelAccuracy()).isCloseTo(0.6976744186046512, within(1e-15));
        assertThat(m.meanPixelAccuracy()).isCloseTo(0.7000000000000001, within(1e-15));
        assertThat(m.mIoU()).isCloseTo(0.42132352941176476, within(1e-15));
        assertThat(m.meanDice()).isCloseTo(0.5351458885941645, within(1e-15));
        assertThat(m.fwIoU()).isCloseTo(0.5591655266757867, within(1e-15));
        assertThat(m.iou()).containsExactly(new double[]{0.45, 0.7058823529411765, 0.5294117647058824, Double.NaN, 0.0}, within(1e-15));
        assertThat(m.dice()).containsExactly(new double[]{0.6206896551724138, 0.8275862068965517, 0.6923076923076923, Double.NaN, 0.0}, within(1e-15));
        assertThat(m.accuracy()).containsExactly(new double[]{0.6, 0.8571428571428571, 0.6428571428571429, Double.NaN, Double.NaN}, within(1e-15));
    }

    @Test
    void nothingCountedMeansEveryValueUndefined() {
        SegmentationConfusion c = new SegmentationConfusion(2, 255);
        c.add(new int[]{255, 255}, new int[]{0, 1}, "x");
        SegmentationMetrics m = c.metrics();
        assertThat(new double[]{m.pixelAccuracy(), m.meanPixelAccuracy(), m.mIoU(), m.fwIoU(), m.meanDice()}).containsOnly(Double.NaN);
        assertThat(m.iou()).containsOnly(Double.NaN);
    }

    @Test
    void rejectsLabelsOutsideTheClasses() {
        SegmentationConfusion c = new SegmentationConfusion(3, 255);
        assertThatThrownBy(() -> c.add(new int[]{0, 3}, new int[]{0, 0}, "gt/x.png"))
                .hasMessage("gt/x.png: ground truth label 3 at pixel 1 is not a class (0..2) nor the ignore index 255");
        assertThatThrownBy(() -> c.add(new int[]{0, 1}, new int[]{0, 7}, "x.png"))
                .hasMessageContaining("prediction label 7 at pixel 1");
    }
}
