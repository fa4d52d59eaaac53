package ablate.plugins.classification;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Head, medium and tail classes of a long-tailed training set, by training-image count: the classes ranked by
 * count (most first, ties by class id); the first ⌊K/3⌋ are the head, the last ⌊K/3⌋ the tail, the rest medium —
 * for Fashion-MNIST's 10 classes 3, 4 and 3. Thirds by rank rather than the many/medium/few-shot thresholds of
 * Liu et al. 2019 (over 100, 20 to 100, under 20 images), which are made for ImageNet-LT's sizes and would put
 * every class of a 60-to-6,000-image set in one group.
 */
final class ClassGroups {
    static final String[] NAMES = {"head", "medium", "tail"};

    private ClassGroups() {
    }

    /** The classes of each group (head, medium, tail), each list in ascending class id. */
    static List<List<Integer>> of(int[] trainCounts) {
        int k = trainCounts.length;
        int[] ranked = IntStream.range(0, k).boxed()
                .sorted(Comparator.<Integer>comparingInt(c -> -trainCounts[c]).thenComparingInt(c -> c))
                .mapToInt(Integer::intValue).toArray();
        int third = k / 3;
        List<List<Integer>> groups = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int r = 0; r < k; r++) {
            int g = r < third ? 0 : r >= k - third ? 2 : 1;
            groups.get(g).add(ranked[r]);
        }
        groups.forEach(g -> g.sort(null));
        return groups;
    }

    /**
     * The mean recall of each group's classes, named {@code headAccuracy}, {@code mediumAccuracy},
     * {@code tailAccuracy}; on a balanced test set it is the accuracy on the group's images. A class without test
     * images is left out of its group's mean; a group with none is NaN.
     */
    static java.util.Map<String, Double> accuracies(int[] trainCounts, double[] recall) {
        java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
        List<List<Integer>> groups = of(trainCounts);
        for (int g = 0; g < NAMES.length; g++) {
            double sum = 0;
            int n = 0;
            for (int c : groups.get(g)) {
                if (!Double.isNaN(recall[c])) {
                    sum += recall[c];
                    n++;
                }
            }
            out.put(NAMES[g] + "Accuracy", n == 0 ? Double.NaN : sum / n);
        }
        return out;
    }
}
