package ablate.datasets.superres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * MATLAB bicubic against values worked out by hand (the kernel at the distances below, then MATLAB's mirrored
 * indices; written out in each test) and against bench/sr_protocol.py, an independent numpy implementation (dense
 * resize matrices) run with Debian's Python 3.11 / numpy 1.24.
 */
class MatlabResizeTest {
    /** Four rows of (10, 20, 30, 40): the vertical pass keeps them, so the horizontal one is seen alone. */
    private static double[] rows(double... row) {
        double[] out = new double[row.length * 4];
        for (int y = 0; y < 4; y++) {
            System.arraycopy(row, 0, out, y * row.length, row.length);
        }
        return out;
    }

    @Test
    void cubicKernelAtQuarterSteps() {
        // 1.5|x|^3 - 2.5|x|^2 + 1 inside 1, -0.5|x|^3 + 2.5|x|^2 - 4|x| + 2 in (1, 2], 0 beyond
        assertThat(MatlabResize.cubic(0)).isEqualTo(1);
        assertThat(MatlabResize.cubic(0.25)).isEqualTo(0.8671875);
        assertThat(MatlabResize.cubic(-0.75)).isEqualTo(0.2265625);
        assertThat(MatlabResize.cubic(1.25)).isEqualTo(-0.0703125);
        assertThat(MatlabResize.cubic(1.75)).isEqualTo(-0.0234375);
        assertThat(MatlabResize.cubic(2.25)).isEqualTo(0);
    }

    @Test
    void halvingUsesTheAntialiasedKernelAndMirroredEdges() {
        // Output 1 is centred at u = 2·1 − 0.5 = 1.5; the kernel is stretched ×2 (8 taps + 2), so input j gets
        // cubic((1.5 − j)/2): j = −2..5 → −0.0234375, −0.0703125, 0.2265625, 0.8671875, 0.8671875, 0.2265625,
        // −0.0703125, −0.0234375 (sum 2, halved). Mirrored (aux = 1 2 3 4 4 3 2 1): j=−2→3, −1→2, 0→1, 5→4, so
        // out1 = 0.546875·x1 + 0.3984375·x2 + 0.1015625·x3 − 0.046875·x4 = 14.609375 for (10, 20, 30, 40).
        double[] out = MatlabResize.down(rows(10, 20, 30, 40), 4, 4, 2);
        assertThat(out).hasSize(4);
        assertThat(out[0]).isCloseTo(14.609375, within(1e-12));
        assertThat(out[1]).isCloseTo(35.390625, within(1e-12));   // the same weights from the other end
        assertThat(out[2]).isCloseTo(14.609375, within(1e-12));
    }

    @Test
    void doublingWeightsAndMirroredEdges() {
        // Output 1 is centred at u = 1/2 + 1/4 = 0.75: j = −1, 0, 1, 2 get cubic(1.75), cubic(0.75), cubic(−0.25),
        // cubic(−1.25); j = −1 mirrors to 2 and 0 to 1: out1 = 1.09375·x1 − 0.09375·x2 = 9.0625.
        // Output 2 at u = 1.25: j = 0..3 get cubic(1.25), cubic(0.25), cubic(−0.75), cubic(−1.75), j = 0 → 1:
        // 0.796875·10 + 0.2265625·20 − 0.0234375·30 = 11.796875.
        double[] out = MatlabResize.up(rows(10, 20, 30, 40), 4, 4, 2);
        assertThat(out).hasSize(8 * 8);
        assertThat(java.util.Arrays.copyOf(out, 8)).containsExactly(new double[]{9.0625, 11.796875, 17.265625, 22.5,
                27.5, 32.734375, 38.203125, 40.9375}, within(1e-12));
    }

    @Test
    void thirdsMatchTheNumpyImplementation() {
        // numpy: imresize(np.arange(36.).reshape(6, 6) ** 1.5, 1/3) in bench/sr_protocol.py
        double[] in = new double[36];
        for (int i = 0; i < 36; i++) {
            in[i] = Math.pow(i, 1.5);
        }
        assertThat(MatlabResize.down(in, 6, 6, 3)).containsExactly(new double[]{19.141842014183, 31.794047911709,
                128.979969724654, 153.764642261589}, within(1e-9));
        // numpy: imresize(np.arange(6.).reshape(2, 3) * 7, 3)[0]
        double[] small = {0, 7, 14, 21, 28, 35};
        assertThat(java.util.Arrays.copyOf(MatlabResize.up(small, 3, 2, 3), 9)).containsExactly(new double[]{
                -3.11111111, -2.33333333, -0.51851852, 2.07407407, 4.66666667, 7.25925926, 9.85185185, 11.66666667,
                12.44444444}, within(1e-8));
    }

    @Test
    void aConstantImageStaysConstantAndRoundingClampsToEightBits() {
        double[] flat = new double[12 * 9];
        java.util.Arrays.fill(flat, 77);
        double[] down = MatlabResize.down(flat, 12, 9, 3);
        assertThat(down).hasSize(4 * 3);
        for (double v : down) {
            assertThat(v).isCloseTo(77, within(1e-12));   // weights sum to 1 up to rounding
        }
        assertThat(MatlabResize.toUint8(new double[]{-3.2, 0.5, 254.49, 255.6, 17.5})).containsExactly(0, 1, 254, 255, 18);
    }
}
