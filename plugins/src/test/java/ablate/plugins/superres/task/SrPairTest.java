package ablate.plugins.superres.task;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The training patches' alignment with the context margin, and the mirrored border of the inference input. */
class SrPairTest {
    /** A 12×12 HR plane (x2) whose value names its pixel, 100·y + x, used as HR and as the upscaled input. */
    private static SrPair pair() {
        double[] hr = new double[144];
        double[] lr = new double[36];
        for (int i = 0; i < hr.length; i++) {
            hr[i] = 100 * (i / 12) + i % 12;
        }
        for (int i = 0; i < lr.length; i++) {
            lr[i] = 100 * (i / 6) + i % 6;
        }
        return new SrPair("p", 12, 12, 2, hr, lr, hr.clone());
    }

    /** Under each of the 8 flips/rotations the target is the input's centre: margin 1 LR pixel = 2 HR pixels. */
    @Test
    void theTargetIsTheCentreOfTheInputUnderEveryTransform() {
        SrPair p = pair();
        for (int t = 0; t < 8; t++) {
            float[] in = new float[8 * 8];     // LR side 2 + 2·1 = 4, i.e. 8 HR pixels
            float[] target = new float[4 * 4]; // the central 2 LR = 4 HR pixels
            p.patch(1, 1, 2, 1, t, true, in, target, 0);
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    assertThat(target[y * 4 + x]).as("t=%d (%d, %d)", t, x, y).isEqualTo(in[(y + 2) * 8 + x + 2]);
                }
            }
        }
        float[] in = new float[64];
        float[] target = new float[16];
        p.patch(1, 1, 2, 1, 0, true, in, target, 0);   // untransformed: input from HR (2, 2), target from (4, 4)
        assertThat(in[0] * 255).isCloseTo(202f, org.assertj.core.api.Assertions.within(1e-3f));
        assertThat(target[0] * 255).isCloseTo(404f, org.assertj.core.api.Assertions.within(1e-3f));
        float[] lrIn = new float[16];
        p.patch(1, 1, 2, 1, 0, false, lrIn, target, 0);   // LR input from LR (1, 1), the same target
        assertThat(lrIn[0] * 255).isCloseTo(101f, org.assertj.core.api.Assertions.within(1e-3f));
        assertThat(target[0] * 255).isCloseTo(404f, org.assertj.core.api.Assertions.within(1e-3f));
    }

    /** Half-sample symmetric padding, as MATLAB's 'symmetric': row 0 of LR columns -2..7 reads 1 0 | 0 .. 5 | 5 4. */
    @Test
    void theInferenceInputMirrorsTheBorder() {
        float[] in = pair().input(false, 2);
        float[] row = new float[10];
        for (int x = 0; x < 10; x++) {
            row[x] = Math.round(in[2 * 10 + x] * 255);
        }
        assertThat(row).containsExactly(1, 0, 0, 1, 2, 3, 4, 5, 5, 4);
        assertThat(Math.round(in[0] * 255)).isEqualTo(101);   // (-2, -2) mirrors to (1, 1)
    }
}
