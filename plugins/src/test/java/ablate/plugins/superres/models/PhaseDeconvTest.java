package ablate.plugins.superres.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The sub-pixel form against the definition of a transposed convolution, written as plain loops: every input pixel
 * (y, x) adds w[ky][kx]·in[y][x] to output (s·y − 4 + ky, s·x − 4 + kx) where that lies inside the s·h × s·w output
 * (PyTorch's ConvTranspose2d with padding 4 and output padding s − 1).
 */
class PhaseDeconvTest {
    @Test
    void equalsTheTransposedConvolutionAtEveryScale() {
        for (int s : new int[]{2, 3, 4}) {
            int c = 3;
            int h = 5;
            int w = 4;
            try (NDManager m = NDManager.newBaseManager()) {
                PhaseDeconv block = new PhaseDeconv(s);
                block.setInitializer(new NormalInitializer(1f), ai.djl.nn.Parameter.Type.WEIGHT);
                block.setInitializer(new NormalInitializer(1f), ai.djl.nn.Parameter.Type.BIAS);
                block.initialize(m, DataType.FLOAT32, new Shape(1, c, h, w));
                float[] kernel = block.getParameters().get("weight").getArray().toFloatArray();   // (c, 1, 9, 9)
                float b = block.getParameters().get("bias").getArray().toFloatArray()[0];
                float[] in = new float[c * h * w];
                Random r = new Random(s);
                for (int i = 0; i < in.length; i++) {
                    in[i] = (float) r.nextGaussian();
                }
                NDArray out = block.forward(new ParameterStore(m, false), new NDList(m.create(in, new Shape(1, c, h, w))),
                        false).singletonOrThrow();
                assertThat(out.getShape()).isEqualTo(new Shape(1, 1, (long) s * h, (long) s * w));
                double[] expected = new double[s * h * s * w];
                java.util.Arrays.fill(expected, b);
                for (int ch = 0; ch < c; ch++) {
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            for (int ky = 0; ky < 9; ky++) {
                                for (int kx = 0; kx < 9; kx++) {
                                    int oy = s * y - 4 + ky;
                                    int ox = s * x - 4 + kx;
                                    if (oy >= 0 && oy < s * h && ox >= 0 && ox < s * w) {
                                        expected[oy * s * w + ox] += kernel[(ch * 9 + ky) * 9 + kx] * in[(ch * h + y) * w + x];
                                    }
                                }
                            }
                        }
                    }
                }
                float[] got = out.toFloatArray();
                for (int i = 0; i < got.length; i++) {
                    assertThat((double) got[i]).as("scale %d, pixel %d", s, i).isCloseTo(expected[i], within(1e-4));
                }
            }
        }
    }
}
