package ablate.metrics.segmentation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SmallObjectDiceTest {
    /*
     * 5×4 image, background 0. Ground truth: a 2×2 object of class 1 (area 4, top-left), a 1×3 object of class 2
     * (area 3, right column) and a 5-pixel object of class 1 (bottom row, area 5, not small at threshold 5).
     *   truth        prediction
     *   1 1 0 0 2    1 0 0 0 2
     *   1 1 0 0 2    1 1 1 0 0
     *   0 0 0 0 2    0 0 0 0 1
     *   1 1 1 1 1    0 0 0 0 0
     * Class-1 object (box x0..1, y0..1): TP 3, FN 1, FP 0 (the predicted 1 at (2,1) lies outside its box).
     * Class-2 object (box x4, y0..2): TP 1, FN 2, FP 0. The large object is left out.
     * Dice = 2·4 / (2·4 + 0 + 3) = 8/11.
     */
    private static final int[] TRUTH = {1, 1, 0, 0, 2, 1, 1, 0, 0, 2, 0, 0, 0, 0, 2, 1, 1, 1, 1, 1};
    private static final int[] PREDICTION = {1, 0, 0, 0, 2, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0};

    @Test
    void poolsCountsOverSmallObjects() {
        SmallObjectDice d = new SmallObjectDice(5, 0, 255);
        d.add(TRUTH, PREDICTION, 5);
        assertThat(d.objects()).isEqualTo(2);
        assertThat(d.dice()).isCloseTo(8.0 / 11, within(1e-12));
    }

    @Test
    void countsFalsePositivesInsideTheBoxAndSkipsIgnoredPixels() {
        // one 2×2 L-shaped class-1 object (area 3) in a 2×2 box; the 4th box pixel is predicted 1 (FP), then ignored
        int[] truth = {1, 1, 1, 0};
        int[] prediction = {1, 1, 1, 1};
        SmallObjectDice d = new SmallObjectDice(10, 0, 255);
        d.add(truth, prediction, 2);
        assertThat(d.dice()).isCloseTo(6.0 / 7, within(1e-12));
        SmallObjectDice ignored = new SmallObjectDice(10, 0, 255);
        ignored.add(new int[]{1, 1, 1, 255}, prediction, 2);
        assertThat(ignored.dice()).isEqualTo(1.0);
    }

    @Test
    void noSmallObjectIsNaN() {
        SmallObjectDice d = new SmallObjectDice(2, 0, 255);
        d.add(TRUTH, PREDICTION, 5);
        assertThat(d.objects()).isZero();
        assertThat(d.dice()).isNaN();
    }
}
