package ablate.datasets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * An immutable in-memory labelled image set: uint8 pixels stored N×C×H×W, one int label per image, and the
 * class names. Engine- and device-free: a training loop reads batches with {@link #fill} into a reused float
 * buffer and makes its own arrays from it.
 */
public final class ImageSet implements ImageBatchSource {
    private final byte[] pixels;
    private final int[] labels;
    private final List<String> classNames;
    private final int channels;
    private final int height;
    private final int width;

    /** Takes ownership of {@code pixels} and {@code labels} (callers must not change them afterwards). */
    public ImageSet(byte[] pixels, int[] labels, List<String> classNames, int channels, int height, int width) {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image shape must be positive, got " + channels + "x" + height + "x" + width);
        }
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("an image set needs at least one class name");
        }
        long expected = (long) labels.length * channels * height * width;
        if (pixels.length != expected) {
            throw new IllegalArgumentException(labels.length + " images of " + channels + "x" + height + "x" + width
                    + " need " + expected + " pixel bytes, got " + pixels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException("label " + labels[i] + " of image " + i + " is outside 0.."
                        + (classNames.size() - 1));
            }
        }
        this.pixels = pixels;
        this.labels = labels;
        this.classNames = List.copyOf(classNames);
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int width() {
        return width;
    }

    public int numClasses() {
        return classNames.size();
    }

    public List<String> classNames() {
        return classNames;
    }

    public int label(int index) {
        return labels[index];
    }

    /** A copy of all labels. */
    public int[] labels() {
        return labels.clone();
    }

    /** A copy of image {@code index}'s CHW bytes. */
    public byte[] image(int index) {
        int size = imageSize();
        return Arrays.copyOfRange(pixels, index * size, (index + 1) * size);
    }

    /** Images per class, indexed by label. */
    public int[] classCounts() {
        int[] counts = new int[numClasses()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** The images at {@code indices}, in that order (repeats allowed). */
    public ImageSet subset(int[] indices) {
        int size = imageSize();
        byte[] picked = new byte[indices.length * size];
        int[] pickedLabels = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= labels.length) {
                throw new IndexOutOfBoundsException("index " + i + " outside an image set of " + labels.length);
            }
            System.arraycopy(pixels, i * size, picked, k * size, size);
            pickedLabels[k] = labels[i];
        }
        return new ImageSet(picked, pickedLabels, classNames, channels, height, width);
    }

    /** {@code 0 .. size-1} in an order drawn from {@code seed} (e.g. one epoch's order). */
    public int[] shuffledIndices(long seed) {
        return Indices.shuffled(size(), seed);
    }

    /**
     * The indices (ascending) of a stratified sample of {@code n} images drawn from {@code seed}: each class
     * keeps its share of {@code n} (largest-remainder rounding, ties to the lower label), and the images of a
     * class are picked uniformly at random.
     */
    public int[] stratifiedIndices(int n, long seed) {
        if (n < 0 || n > size()) {
            throw new IllegalArgumentException("cannot take a stratified sample of " + n + " from " + size() + " images");
        }
        return sampleByClass(stratifiedQuota(classCounts(), n), seed);
    }

    /**
     * The indices (ascending) of {@code counts[c]} images of each class {@code c}, picked uniformly at random
     * from {@code seed} (one {@link Random} shuffles the classes' members in label order).
     */
    public int[] sampleByClass(int[] counts, long seed) {
        int[] available = classCounts();
        if (counts.length != available.length) {
            throw new IllegalArgumentException("need one count per class (" + available.length + "), got " + counts.length);
        }
        List<int[]> byClass = indicesByClass();
        Random random = new Random(seed);
        int total = 0;
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] < 0 || counts[c] > available[c]) {
                throw new IllegalArgumentException("class " + c + " has " + available[c] + " images, asked for " + counts[c]);
            }
            total += counts[c];
        }
        int[] picked = new int[total];
        int next = 0;
        for (int c = 0; c < counts.length; c++) {
            int[] members = byClass.get(c);
            Indices.shuffle(members, random);
            System.arraycopy(members, 0, picked, next, counts[c]);
            next += counts[c];
        }
        Arrays.sort(picked);
        return picked;
    }

    /** A stratified sample of {@code n} images (see {@link #stratifiedIndices}); this set itself when n = size. */
    public ImageSet stratified(int n, long seed) {
        return n == size() ? this : subset(stratifiedIndices(n, seed));
    }

    /** For each label, the indices of its images in ascending order. */
    public List<int[]> indicesByClass() {
        int[] counts = classCounts();
        List<int[]> byClass = new ArrayList<>(counts.length);
        for (int count : counts) {
            byClass.add(new int[count]);
        }
        int[] filled = new int[counts.length];
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i])[filled[labels[i]]++] = i;
        }
        return byClass;
    }

    /**
     * Per-channel mean and population standard deviation of {@code pixel / 255} over the whole set, as a
     * normalisation (a constant channel gets std 1, so it is only centred).
     */
    public Normalization statistics() {
        int plane = height * width;
        long[][] histogram = new long[channels][256];
        for (int i = 0; i < labels.length; i++) {
            int base = i * channels * plane;
            for (int c = 0; c < channels; c++) {
                long[] h = histogram[c];
                for (int p = base + c * plane, end = p + plane; p < end; p++) {
                    h[pixels[p] & 0xFF]++;
                }
            }
        }
        float[] mean = new float[channels];
        float[] std = new float[channels];
        for (int c = 0; c < channels; c++) {
            double n = 0, sum = 0, squares = 0;
            for (int v = 0; v < 256; v++) {
                double x = v / 255.0;
                n += histogram[c][v];
                sum += histogram[c][v] * x;
                squares += histogram[c][v] * x * x;
            }
            double m = sum / n;
            mean[c] = (float) m;
            double sd = Math.sqrt(Math.max(squares / n - m * m, 0));
            std[c] = sd > 0 ? (float) sd : 1f;
        }
        return Normalization.of(mean, std);
    }

    @Override
    public void fill(int[] indices, int from, int count, float[] out, Normalization normalization) {
        int size = imageSize();
        ImageBatchSource.requireCapacity(out, count, size);
        Normalization.Table table = normalization.table(channels);
        for (int k = 0; k < count; k++) {
            table.convert(pixels, indices[from + k] * size, height * width, out, k * size);
        }
    }

    /** Writes the labels of {@code indices[from .. from+count)} into {@code out[0 .. count)}. */
    public void fillLabels(int[] indices, int from, int count, int[] out) {
        for (int k = 0; k < count; k++) {
            out[k] = labels[indices[from + k]];
        }
    }

    /** Bytes of all images, N×C×H×W (shared, not copied: read only). */
    byte[] pixelsView() {
        return pixels;
    }

    /** Largest-remainder shares of {@code n} in proportion to {@code counts}; ties go to the lower index. */
    static int[] stratifiedQuota(int[] counts, int n) {
        long total = 0;
        for (int count : counts) {
            total += count;
        }
        int[] quota = new int[counts.length];
        long[] remainder = new long[counts.length];
        int assigned = 0;
        for (int c = 0; c < counts.length; c++) {
            long scaled = (long) n * counts[c];
            quota[c] = (int) (scaled / total);
            remainder[c] = scaled % total;
            assigned += quota[c];
        }
        for (; assigned < n; assigned++) {
            int best = -1;
            for (int c = 0; c < counts.length; c++) {
                if (quota[c] < counts[c] && (best < 0 || remainder[c] > remainder[best])) {
                    best = c;
                }
            }
            quota[best]++;
            remainder[best] = -1;
        }
        return quota;
    }

    @Override
    public String toString() {
        return "ImageSet[" + size() + " images " + channels + "x" + height + "x" + width + ", " + numClasses()
                + " classes]";
    }
}
