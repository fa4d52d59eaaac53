package ablate.datasets;

/** Images of one shape that a training loop reads in batches of float CHW pixels. */
public interface ImageBatchSource {
    int size();

    int channels();

    int height();

    int width();

    /** Floats per image: {@code channels * height * width}. */
    default int imageSize() {
        return channels() * height() * width();
    }

    /**
     * Writes the images {@code indices[from .. from+count)} into {@code out} as consecutive CHW floats
     * (image k at {@code k * imageSize()}), normalised by {@code normalization}. {@code out} is reused
     * between batches and must hold at least {@code count * imageSize()} floats.
     */
    void fill(int[] indices, int from, int count, float[] out, Normalization normalization);

    /** Throws if {@code out} cannot hold {@code count} images of {@code imageSize} floats. */
    static void requireCapacity(float[] out, int count, int imageSize) {
        if (out.length < (long) count * imageSize) {
            throw new IllegalArgumentException("batch buffer holds " + out.length + " floats, " + count
                    + " images need " + (long) count * imageSize);
        }
    }
}
