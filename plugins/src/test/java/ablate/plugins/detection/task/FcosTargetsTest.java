package ablate.plugins.detection.task;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Hand-worked FCOS targets on a 4×4 grid of stride 4: locations at x, y ∈ {2, 6, 10, 14}. */
class FcosTargetsTest {
    @Test
    void aBoxClaimsTheLocationsInsideItAndNearItsCentre() {
        // box [1, 1, 13, 9], class 2: centre (7, 5); radius 1.5 → |x − 7| < 6 and |y − 5| < 6, strictly inside:
        // x ∈ {2, 6, 10}, y ∈ {2, 6} → 6 positives
        FcosTargets t = FcosTargets.of(List.of(List.of(new TruthBox(1, 1, 13, 9, 2))), 3, 4, 4, 4, 1.5);
        assertThat(t.positives()).containsExactly(0, 1, 2, 4, 5, 6);
        // location (i=1, j=1) at (6, 6): l = 5/4, t = 5/4, r = 7/4, b = 3/4; centre-ness sqrt(5/7 · 3/5) = sqrt(3/7)
        int p = 4; // index of cell 5 among the positives
        assertThat(t.boxTargets()[4 * p]).isEqualTo(-1.25f);
        assertThat(t.boxTargets()[4 * p + 1]).isEqualTo(-1.25f);
        assertThat(t.boxTargets()[4 * p + 2]).isEqualTo(1.75f);
        assertThat(t.boxTargets()[4 * p + 3]).isEqualTo(0.75f);
        assertThat((double) t.centreness()[p]).isCloseTo(Math.sqrt(3.0 / 7), within(1e-6));
        // one-hot in (N, K, H, W): class 2 plane, cells 0, 1, 2, 4, 5, 6
        float[] plane = java.util.Arrays.copyOfRange(t.classTargets(), 2 * 16, 3 * 16);
        assertThat(plane).containsExactly(1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(java.util.Arrays.copyOfRange(t.classTargets(), 0, 32)).containsOnly(0f);
    }

    @Test
    void overlappingBoxesGiveSharedLocationsToTheSmallerOneAndBatchIndicesAreOffset() {
        TruthBox big = new TruthBox(0, 0, 16, 16, 0);  // centre (8, 8): x, y ∈ {6, 10} (|x − 8| < 6 excludes 2 and 14)
        TruthBox small = new TruthBox(4, 4, 12, 8, 1); // centre (8, 6): x ∈ {6, 10}, y = 6
        FcosTargets t = FcosTargets.of(List.of(List.of(), List.of(big, small)), 2, 4, 4, 4, 1.5);
        // image 1 starts at flat index 16; big owns cells 5, 6, 9, 10, small takes 5 and 6
        assertThat(t.positives()).containsExactly(21, 22, 25, 26);
        float[] c = t.classTargets(); // (2 images, 2 classes, 16 cells)
        int image1 = 2 * 16;
        assertThat(c[image1 + 16 + 5]).isEqualTo(1);  // class 1 at cell 5
        assertThat(c[image1 + 5]).isEqualTo(0);
        assertThat(c[image1 + 9]).isEqualTo(1);       // class 0 at cell 9
    }

    @Test
    void aBoxBetweenLocationsTakesTheNearestFreeOne() {
        // [3, 3, 5, 5] contains no location centre; its centre (4, 4) falls in cell (1, 1) at (6, 6), outside the box
        FcosTargets t = FcosTargets.of(List.of(List.of(new TruthBox(3, 3, 5, 5, 0))), 1, 4, 4, 4, 1.5);
        assertThat(t.positives()).containsExactly(5);
        assertThat(t.boxTargets()).containsExactly(-0.75f, -0.75f, -0.25f, -0.25f);
        assertThat(t.centreness()).containsExactly(0f);
    }

    @Test
    void noBoxesNoPositives() {
        FcosTargets t = FcosTargets.of(List.of(List.of(), List.of()), 3, 4, 4, 4, 1.5);
        assertThat(t.positiveCount()).isZero();
        assertThat(t.classTargets()).hasSize(2 * 3 * 16).containsOnly(0f);
    }
}
