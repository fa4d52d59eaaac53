package ablate.plugins.detection.bench;

import ablate.plugins.detection.Detections;

/**
 * Detector-like boxes for the NMS benchmarks, drawn from SplitMix64 so that {@code torchvision_nms_bench.py}
 * (next to this file) generates the very same boxes: about ten jittered boxes per object, objects 16 to 128
 * pixels in a 1024 x 1024 image, uniform scores.
 */
public final class BenchBoxes {
    private long state;

    private BenchBoxes(long seed) {
        state = seed;
    }

    /** SplitMix64 (Steele, Lea and Flood 2014), as a double in [0, 1) from the top 53 bits. */
    private double next() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }

    /** {@code n} boxes of image 1, category 1. */
    public static Detections generate(int n, long seed) {
        BenchBoxes rng = new BenchBoxes(seed);
        int objects = Math.max(1, n / 10);
        double[] cx = new double[objects];
        double[] cy = new double[objects];
        double[] w = new double[objects];
        double[] h = new double[objects];
        for (int k = 0; k < objects; k++) {
            cx[k] = 1024 * rng.next();
            cy[k] = 1024 * rng.next();
            w[k] = 16 + 112 * rng.next();
            h[k] = 16 + 112 * rng.next();
        }
        Detections.Builder b = Detections.builder(n);
        for (int i = 0; i < n; i++) {
            int k = (int) (objects * rng.next());
            double x = cx[k] + w[k] * 0.4 * (rng.next() - 0.5);
            double y = cy[k] + h[k] * 0.4 * (rng.next() - 0.5);
            double bw = w[k] * (0.8 + 0.4 * rng.next());
            double bh = h[k] * (0.8 + 0.4 * rng.next());
            b.add(1, 1, x - bw / 2, y - bh / 2, x + bw / 2, y + bh / 2, rng.next());
        }
        return b.build();
    }

    /** Prints a checksum of the boxes, to compare with the Python side. */
    public static void main(String[] args) {
        for (int n : new int[]{1000, 10000}) {
            Detections d = generate(n, 42);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += d.x1(i) + d.y1(i) + d.x2(i) + d.y2(i) + d.score(i);
            }
            System.out.println(n + " boxes: first [" + d.x1(0) + ", " + d.y1(0) + ", " + d.x2(0) + ", " + d.y2(0)
                    + "] score " + d.score(0) + ", checksum " + sum);
        }
    }
}
