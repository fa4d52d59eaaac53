package ablate.metrics.detection;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BoxIoUTest {
    static final double[][] A = {{0, 0, 10, 10}, {1.5, 2, 7, 9.5}, {0, 0, 4, 2}};
    static final double[][] B = {{5, 5, 15, 20}, {1, 1, 8, 3}, {10, 10, 12, 13}};

    /**
     * torchvision 0.14.1 (Debian python3-torchvision), float64:
     * box_iou / generalized_box_iou(a, b).diag(), distance_box_iou / complete_box_iou(a, b, eps=0).diag() for the
     * boxes above (eps=0: the paper's formulas without torchvision's stabilising 1e-7); the first DIoU is
     * 1/9 − 81.25/625 by hand.
     */
    @Test
    void matchesTorchvision() {
        double[] iou = {0.1111111111111111, 0.11055276381909548, 0.0};
        double[] giou = {-0.1388888888888889, -0.05331278239939191, -0.9102564102564102};
        double[] diou = {-0.0188888888888889, -0.0059420815417292605, -0.6110223642172524};
        double[] ciou = {-0.019164549447100603, -0.03513883099887857, -0.6217785317828975};
        for (int i = 0; i < 3; i++) {
            assertThat(BoxIoU.iou(A[i], B[i])).isCloseTo(iou[i], within(1e-15));
            assertThat(BoxIoU.giou(A[i], B[i])).isCloseTo(giou[i], within(1e-15));
            assertThat(BoxIoU.diou(A[i], B[i])).isCloseTo(diou[i], within(1e-15));
            assertThat(BoxIoU.ciou(A[i], B[i])).isCloseTo(ciou[i], within(1e-15));
        }
        assertThat(BoxIoU.diou(A[0], B[0])).isCloseTo(1.0 / 9 - 81.25 / 625, within(1e-15));
    }

    @Test
    void identicalBoxesScoreOneEverywhere() {
        double[] box = {3, 4, 9, 12};
        assertThat(BoxIoU.iou(box, box)).isEqualTo(1.0);
        assertThat(BoxIoU.giou(box, box)).isEqualTo(1.0);
        assertThat(BoxIoU.diou(box, box)).isEqualTo(1.0);
        assertThat(BoxIoU.ciou(box, box)).isEqualTo(1.0);
    }

    @Test
    void legacyOffsetAddsOnePixel() {
        // [0,0,9,9] vs [0,0,9,4] in pixel convention: 10×5 / 10×10 = .5; continuous: 9×4 / 9×9 = 4/9
        double[] a = {0, 0, 9, 9};
        double[] b = {0, 0, 9, 4};
        assertThat(BoxIoU.iou(a, b, 1)).isEqualTo(0.5);
        assertThat(BoxIoU.iou(a, b, 0)).isCloseTo(4.0 / 9, within(1e-15));
    }
}
