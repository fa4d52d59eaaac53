package ablate.datasets.segmentation;

import java.util.List;

/**
 * An immutable in-memory semantic-segmentation set: uint8 images N×C×H×W, one uint8 label map N×H×W (class ids,
 * or the ignore index), the class names and a name per image (the file name its prediction is written under).
 * Engine-free: a training loop fills its own buffers with {@link #fillImages} and {@link #fillLabels}.
 */
public final class SegmentationSet {
    private final byte[] pixels;
    private final byte[] labels;
    private final List<String> classNames;
    private final List<String> names;
    private final int channels;
    private final int height;
    private final int width;
    private final int ignoreIndex;

    /** Takes ownership of the arrays. */
    public SegmentationSet(byte[] pixels, byte[] labels, List<String> classNames, List<String> names, int channels,
                           int height, int width, int ignoreIndex) {
        int n = names.size();
        if ((long) n * channels * height * width != pixels.length || (long) n * height * width != labels.length) {
            throw new IllegalArgumentException(n + " images of " + channels + "x" + height + "x" + width
                    + " do not match " + pixels.length + " pixel and " + labels.length + " label bytes");
        }
        this.pixels = pixels;
        this.labels = labels;
        this.classNames = List.copyOf(classNames);
        this.names = List.copyOf(names);
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.ignoreIndex = ignoreIndex;
    }

    public int size() {
        return names.size();
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int numClasses() {
        return classNames.size();
    }

    public List<String> classNames() {
        return classNames;
    }

    public int ignoreIndex() {
        return ignoreIndex;
    }

    /** The file name of image {@code i} (its prediction is written under the same name, as a PNG). */
    public String name(int i) {
        return names.get(i);
    }

    /** Image {@code i}'s pixels, C×H×W (a copy). */
    public byte[] image(int i) {
        int size = channels * height * width;
        byte[] out = new byte[size];
        System.arraycopy(pixels, i * size, out, 0, size);
        return out;
    }

    /** Image {@code i}'s label map, H×W, as ints. */
    public int[] labelMap(int i) {
        int size = height * width;
        int[] out = new int[size];
        for (int k = 0; k < size; k++) {
            out[k] = labels[i * size + k] & 0xFF;
        }
        return out;
    }

    /** Per-channel mean and standard deviation of the pixels scaled to [0, 1] (for normalisation). */
    public float[][] statistics() {
        int plane = height * width;
        float[] mean = new float[channels];
        float[] std = new float[channels];
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            double sq = 0;
            for (int i = 0; i < size(); i++) {
                int from = (i * channels + c) * plane;
                for (int k = 0; k < plane; k++) {
                    double v = (pixels[from + k] & 0xFF) / 255.0;
                    sum += v;
                    sq += v * v;
                }
            }
            double count = (double) size() * plane;
            mean[c] = (float) (sum / count);
            std[c] = (float) Math.max(1e-3, Math.sqrt(Math.max(0, sq / count - (sum / count) * (sum / count))));
        }
        return new float[][]{mean, std};
    }

    /** Writes images {@code order[from .. from+count)} normalised ((v/255 − mean)/std) into {@code out}. */
    public void fillImages(int[] order, int from, int count, float[] out, float[][] stats) {
        int plane = height * width;
        for (int b = 0; b < count; b++) {
            int i = order[from + b];
            for (int c = 0; c < channels; c++) {
                int src = (i * channels + c) * plane;
                int dst = (b * channels + c) * plane;
                float m = stats[0][c];
                float s = stats[1][c];
                for (int k = 0; k < plane; k++) {
                    out[dst + k] = ((pixels[src + k] & 0xFF) / 255f - m) / s;
                }
            }
        }
    }

    /** Writes the label maps of images {@code order[from .. from+count)} into {@code out}. */
    public void fillLabels(int[] order, int from, int count, int[] out) {
        int plane = height * width;
        for (int b = 0; b < count; b++) {
            int src = order[from + b] * plane;
            for (int k = 0; k < plane; k++) {
                out[b * plane + k] = labels[src + k] & 0xFF;
            }
        }
    }
}
