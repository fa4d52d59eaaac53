package ablate.datasets;

import java.util.Arrays;

/**
 * How uint8 pixels become floats: {@code (v / 255 - mean[c]) / std[c]} per channel, in float arithmetic as
 * torchvision's {@code ToTensor} then {@code Normalize} compute it. {@link #NONE} gives plain {@code v / 255}.
 * A single mean/std applies to every channel.
 */
public final class Normalization {
    public static final Normalization NONE = new Normalization(new float[] {0f}, new float[] {1f});

    private final float[] mean;
    private final float[] std;

    private Normalization(float[] mean, float[] std) {
        this.mean = mean;
        this.std = std;
    }

    public static Normalization of(float[] mean, float[] std) {
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("normalization: mean and std need the same, non-zero length, got "
                    + mean.length + " and " + std.length);
        }
        for (int c = 0; c < std.length; c++) {
            if (!(std[c] > 0) || !Float.isFinite(std[c]) || !Float.isFinite(mean[c])) {
                throw new IllegalArgumentException("normalization: channel " + c + " needs a finite mean and a std > 0, got "
                        + mean[c] + " and " + std[c]);
            }
        }
        return new Normalization(mean.clone(), std.clone());
    }

    public float[] mean() {
        return mean.clone();
    }

    public float[] std() {
        return std.clone();
    }

    /** The float of every byte value for images of {@code channels} channels. */
    public Table table(int channels) {
        if (mean.length != 1 && mean.length != channels) {
            throw new IllegalArgumentException("normalization has " + mean.length + " channels, the images " + channels);
        }
        float[][] values = new float[channels][256];
        for (int c = 0; c < channels; c++) {
            float m = mean[mean.length == 1 ? 0 : c];
            float s = std[std.length == 1 ? 0 : c];
            for (int v = 0; v < 256; v++) {
                values[c][v] = ((float) v / 255f - m) / s;
            }
        }
        return new Table(values);
    }

    /** A normalisation resolved for a channel count: byte value to float, per channel. */
    public static final class Table {
        private final float[][] values;

        private Table(float[][] values) {
            this.values = values;
        }

        /** The float for byte value {@code v} (0–255) of channel {@code c}. */
        public float value(int c, int v) {
            return values[c][v];
        }

        /**
         * Converts one CHW image of {@code planeSize} pixels per channel, starting at {@code src[from]}, into
         * {@code out} from {@code to} on.
         */
        public void convert(byte[] src, int from, int planeSize, float[] out, int to) {
            int p = from;
            int o = to;
            for (float[] table : values) {
                for (int end = p + planeSize; p < end; p++) {
                    out[o++] = table[src[p] & 0xFF];
                }
            }
        }
    }

    @Override
    public String toString() {
        return this == NONE ? "pixels/255" : "mean " + Arrays.toString(mean) + ", std " + Arrays.toString(std);
    }
}
