package ablate.datasets.detection;

import java.util.Locale;

/**
 * The object classes of {@link SyntheticScenes}, each a region of its box: {@link #contains} takes a point of
 * the box in relative coordinates ({@code u} left to right, {@code v} top to bottom, both in [0, 1]).
 */
public enum Shape {
    SQUARE {
        @Override
        public boolean contains(double u, double v) {
            return true;
        }
    },
    CIRCLE {
        @Override
        public boolean contains(double u, double v) {
            return squaredRadius(u, v) <= 1;
        }
    },
    /** Apex at the top centre, base along the bottom edge. */
    TRIANGLE {
        @Override
        public boolean contains(double u, double v) {
            return Math.abs(2 * u - 1) <= v;
        }
    },
    DIAMOND {
        @Override
        public boolean contains(double u, double v) {
            return Math.abs(2 * u - 1) + Math.abs(2 * v - 1) <= 1;
        }
    },
    /** A plus sign whose arms are a third of the box wide. */
    CROSS {
        @Override
        public boolean contains(double u, double v) {
            return Math.abs(2 * u - 1) <= 1.0 / 3 || Math.abs(2 * v - 1) <= 1.0 / 3;
        }
    },
    /** A circle with a hole of half its radius. */
    RING {
        @Override
        public boolean contains(double u, double v) {
            double r = squaredRadius(u, v);
            return r <= 1 && r >= 0.25;
        }
    };

    public abstract boolean contains(double u, double v);

    /** The name used as a COCO category name, e.g. {@code circle}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static double squaredRadius(double u, double v) {
        double x = 2 * u - 1;
        double y = 2 * v - 1;
        return x * x + y * y;
    }
}
