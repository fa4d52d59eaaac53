package ablate.plugins.detection;

import java.util.Arrays;

/**
 * Detected boxes on primitive arrays: for each detection its corners {@code (x1, y1, x2, y2)} (continuous
 * coordinates, {@code x2 >= x1}, {@code y2 >= y1}), score, category id and image id, and {@link #source(int)}, the
 * index of the input detection it came from (post-processors keep it so callers can map results back).
 * Immutable; build one with {@link #builder(int)}.
 */
public final class Detections {
    private static final Detections EMPTY = builder(0).build();

    private final int size;
    private final double[] x1;
    private final double[] y1;
    private final double[] x2;
    private final double[] y2;
    private final double[] score;
    private final int[] image;
    private final int[] category;
    private final int[] source;

    private Detections(Builder b) {
        size = b.size;
        x1 = Arrays.copyOf(b.x1, size);
        y1 = Arrays.copyOf(b.y1, size);
        x2 = Arrays.copyOf(b.x2, size);
        y2 = Arrays.copyOf(b.y2, size);
        score = Arrays.copyOf(b.score, size);
        image = Arrays.copyOf(b.image, size);
        category = Arrays.copyOf(b.category, size);
        source = Arrays.copyOf(b.source, size);
    }

    public static Detections empty() {
        return EMPTY;
    }

    public static Builder builder(int expectedSize) {
        return new Builder(expectedSize);
    }

    public int size() {
        return size;
    }

    public double x1(int i) {
        return x1[check(i)];
    }

    public double y1(int i) {
        return y1[check(i)];
    }

    public double x2(int i) {
        return x2[check(i)];
    }

    public double y2(int i) {
        return y2[check(i)];
    }

    public double score(int i) {
        return score[check(i)];
    }

    public int image(int i) {
        return image[check(i)];
    }

    public int category(int i) {
        return category[check(i)];
    }

    /** Index of the input detection this one came from (its own index for detections built directly). */
    public int source(int i) {
        return source[check(i)];
    }

    private int check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("detection " + i + " of " + size);
        }
        return i;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Detections[").append(size).append(']');
        for (int i = 0; i < Math.min(size, 20); i++) {
            s.append("\n  #").append(source[i]).append(" image ").append(image[i]).append(" category ")
                    .append(category[i]).append(" [").append(x1[i]).append(", ").append(y1[i]).append(", ")
                    .append(x2[i]).append(", ").append(y2[i]).append("] score ").append(score[i]);
        }
        return size > 20 ? s.append("\n  ...").toString() : s.toString();
    }

    /** Appends detections; each is checked (finite corners with x2 >= x1 and y2 >= y1, finite score). */
    public static final class Builder {
        private int size;
        private double[] x1;
        private double[] y1;
        private double[] x2;
        private double[] y2;
        private double[] score;
        private int[] image;
        private int[] category;
        private int[] source;

        private Builder(int expectedSize) {
            int n = Math.max(expectedSize, 4);
            x1 = new double[n];
            y1 = new double[n];
            x2 = new double[n];
            y2 = new double[n];
            score = new double[n];
            image = new int[n];
            category = new int[n];
            source = new int[n];
        }

        /** Adds a detection whose {@link #source} is its own index. */
        public Builder add(int imageId, int categoryId, double x1, double y1, double x2, double y2, double score) {
            return add(imageId, categoryId, x1, y1, x2, y2, score, size);
        }

        /** Adds a detection derived from input detection {@code source}. */
        public Builder add(int imageId, int categoryId, double x1, double y1, double x2, double y2, double score,
                           int source) {
            if (!(Double.isFinite(x1) && Double.isFinite(y1) && Double.isFinite(x2) && Double.isFinite(y2))) {
                throw new IllegalArgumentException("detection " + size + ": box corners must be finite, got ["
                        + x1 + ", " + y1 + ", " + x2 + ", " + y2 + "]");
            }
            if (x2 < x1 || y2 < y1) {
                throw new IllegalArgumentException("detection " + size + ": box has a negative width or height ["
                        + x1 + ", " + y1 + ", " + x2 + ", " + y2 + "]");
            }
            if (!Double.isFinite(score)) {
                throw new IllegalArgumentException("detection " + size + ": score must be finite, got " + score);
            }
            if (size == this.x1.length) {
                grow();
            }
            this.x1[size] = x1;
            this.y1[size] = y1;
            this.x2[size] = x2;
            this.y2[size] = y2;
            this.score[size] = score;
            this.image[size] = imageId;
            this.category[size] = categoryId;
            this.source[size] = source;
            size++;
            return this;
        }

        private void grow() {
            int n = size * 2;
            x1 = Arrays.copyOf(x1, n);
            y1 = Arrays.copyOf(y1, n);
            x2 = Arrays.copyOf(x2, n);
            y2 = Arrays.copyOf(y2, n);
            score = Arrays.copyOf(score, n);
            image = Arrays.copyOf(image, n);
            category = Arrays.copyOf(category, n);
            source = Arrays.copyOf(source, n);
        }

        public int size() {
            return size;
        }

        public Detections build() {
            return new Detections(this);
        }
    }
}
