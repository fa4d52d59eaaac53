package ablate.plugins.superres.models;

import ablate.plugins.common.MacCounted;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * FSRCNN's last layer, PyTorch's {@code ConvTranspose2d(d, 1, 9, stride=s, padding=4, output_padding=s-1)}, computed
 * exactly in its sub-pixel form because DJL's PyTorch engine has no deconvolution ("Not implemented"): output pixel
 * (s·y + i, s·x + j) = Σ_t x[y − t]·w[s·t + i + 4] in each axis, i.e. one ordinary convolution at low resolution per
 * output phase (i, j), whose taps are a fixed selection of the 9×9 kernel, followed by the periodic shuffle of
 * {@link Espcn#pixelShuffle}. The learned weight is the deconvolution's own (d, 1, 9, 9), so parameters and training
 * are those of the paper's layer; only the arithmetic is reordered (no multiplications by inserted zeros).
 */
final class PhaseDeconv extends AbstractBlock implements MacCounted {
    static final int K = 9;
    static final int PAD = 4;
    private final int scale;
    private final int half;     // padding of the low-resolution convolution
    private final int side;     // its kernel side, 2·half + 1
    private final float[] select;
    private final Parameter weight;
    private final Parameter bias;

    PhaseDeconv(int scale) {
        this.scale = scale;
        half = half(scale);
        side = 2 * half + 1;
        select = selection(scale, half, side);
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build());
    }

    /** Padding of the low-resolution convolution: the reach, in LR pixels, of the 9×9 deconvolution at stride s. */
    static int half(int scale) {
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (int r = 0; r < scale; r++) {          // t with 0 <= s·t + r + 4 < 9
            lo = Math.min(lo, Math.floorDiv(-PAD - r + scale - 1, scale));
            hi = Math.max(hi, Math.floorDiv(K - 1 - PAD - r, scale));
        }
        return Math.max(hi, -lo);
    }

    /**
     * The (9·9, s²·side²) 0/1 matrix taking the deconvolution kernel to the phase kernels: tap (u, v) of phase
     * c = i·s + j reads w[s·(half − u) + i + 4][s·(half − v) + j + 4] where that lies in the kernel (convolution
     * tap u sees x[y + u − half], i.e. t = half − u).
     */
    static float[] selection(int scale, int half, int side) {
        int cols = scale * scale * side * side;
        float[] m = new float[K * K * cols];
        for (int i = 0; i < scale; i++) {
            for (int j = 0; j < scale; j++) {
                for (int u = 0; u < side; u++) {
                    for (int v = 0; v < side; v++) {
                        int ky = scale * (half - u) + i + PAD;
                        int kx = scale * (half - v) + j + PAD;
                        if (ky >= 0 && ky < K && kx >= 0 && kx < K) {
                            int col = ((i * scale + j) * side + u) * side + v;
                            m[(ky * K + kx) * cols + col] = 1;
                        }
                    }
                }
            }
        }
        return m;
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        weight.setShape(new Shape(inputShapes[0].get(1), 1, K, K));
        bias.setShape(new Shape(1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = store.getValue(bias, x.getDevice(), training);
        long d = w.getShape().get(0);
        int phases = scale * scale;
        NDArray pick = x.getManager().create(select, new Shape(K * K, (long) phases * side * side)).toType(DataType.FLOAT32, false);
        // Ops called on a parameter join the model's long-lived manager: move each result to the step's (x's), or
        // every step's kernels and their graph would stay alive.
        NDArray flat = w.reshape(d, K * K);
        flat.attach(x.getManager());
        NDArray kernels = flat.matMul(pick)                                  // (d, s²·side²)
                .reshape(d, phases, side, side).transpose(1, 0, 2, 3);       // (s², d, side, side)
        NDArray biases = b.repeat(phases);
        biases.attach(x.getManager());
        NDArray y = Conv2d.conv2d(x, kernels, biases, new Shape(1, 1), new Shape(half, half))
                .singletonOrThrow();
        return new NDList(Espcn.pixelShuffle(y, scale));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[]{new Shape(in.get(0), 1, in.get(2) * scale, in.get(3) * scale)};
    }

    /** The convolution this block runs: low-resolution pixels × s² phases × side² taps × input channels. */
    @Override
    public long macs(Shape... inputShapes) {
        Shape in = inputShapes[0];
        return in.get(0) * in.get(2) * in.get(3) * (long) scale * scale * side * side * in.get(1);
    }
}
