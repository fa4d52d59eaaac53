package ablate.reports;

import ablate.results.TrialResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A confusion matrix (rows = true class, columns = predicted class) summed over trials, read from the
 * artifacts {@code confusionMatrix} (a square list of lists of counts) and {@code classNames}.
 */
public record ConfusionMatrix(List<String> classNames, long[][] counts, int trials) {
    public static final String ARTIFACT = "confusionMatrix";
    public static final String CLASS_NAMES = "classNames";

    public int size() {
        return counts.length;
    }

    public long count(int truth, int predicted) {
        return counts[truth][predicted];
    }

    public long rowTotal(int truth) {
        long sum = 0;
        for (long c : counts[truth]) {
            sum += c;
        }
        return sum;
    }

    /** The trials' matrices added up; trials without one, or with a different size than the first, are skipped. */
    public static Optional<ConfusionMatrix> summed(List<TrialResult> trials) {
        long[][] sum = null;
        List<String> names = null;
        int used = 0;
        for (TrialResult t : trials) {
            long[][] m = t.artifacts() == null ? null : parse(t.artifacts().get(ARTIFACT));
            if (m == null || (sum != null && m.length != sum.length)) {
                continue;
            }
            if (sum == null) {
                sum = new long[m.length][m.length];
                names = classNames(t.artifacts().get(CLASS_NAMES), m.length);
            }
            for (int i = 0; i < m.length; i++) {
                for (int j = 0; j < m.length; j++) {
                    sum[i][j] += m[i][j];
                }
            }
            used++;
        }
        return sum == null ? Optional.empty() : Optional.of(new ConfusionMatrix(names, sum, used));
    }

    /** A square matrix of counts from a {@code List<List<Number>>} or {@code int[][]}; null when it is neither. */
    static long[][] parse(Object value) {
        if (value instanceof int[][] ints) {
            long[][] m = new long[ints.length][];
            for (int i = 0; i < ints.length; i++) {
                m[i] = java.util.Arrays.stream(ints[i]).asLongStream().toArray();
            }
            return square(m) ? m : null;
        }
        if (!(value instanceof List<?> rows) || rows.isEmpty()) {
            return null;
        }
        long[][] m = new long[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            if (!(rows.get(i) instanceof List<?> row)) {
                return null;
            }
            m[i] = new long[row.size()];
            for (int j = 0; j < row.size(); j++) {
                if (!(row.get(j) instanceof Number n)) {
                    return null;
                }
                m[i][j] = n.longValue();
            }
        }
        return square(m) ? m : null;
    }

    private static boolean square(long[][] m) {
        for (long[] row : m) {
            if (row.length != m.length) {
                return false;
            }
        }
        return m.length > 0;
    }

    private static List<String> classNames(Object value, int size) {
        List<String> names = new ArrayList<>();
        if (value instanceof List<?> list && list.size() == size) {
            list.forEach(o -> names.add(String.valueOf(o)));
        } else {
            for (int i = 0; i < size; i++) {
                names.add(String.valueOf(i));
            }
        }
        return names;
    }
}
