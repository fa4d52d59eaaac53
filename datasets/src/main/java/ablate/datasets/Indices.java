package ablate.datasets;

import java.util.Random;

/**
 * Seeded index orders. {@link Random} is used because its algorithm is fixed by its specification, so a seed
 * gives the same order on every JVM.
 */
public final class Indices {
    private Indices() {
    }

    /** {@code 0 .. n-1} in a Fisher–Yates order drawn from {@code seed}. */
    public static int[] shuffled(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        shuffle(order, new Random(seed));
        return order;
    }

    /** Shuffles {@code values} in place (Fisher–Yates). */
    public static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /** A seed for item {@code index} of a stream seeded by {@code seed} (SplitMix64's finaliser). */
    public static long derive(long seed, long index) {
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
