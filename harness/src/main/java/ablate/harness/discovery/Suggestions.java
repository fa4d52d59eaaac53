package ablate.harness.discovery;

import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.Collection;
import java.util.Comparator;

/** "Did you mean" hints for typos in ids and keys. */
public final class Suggestions {
    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    private Suggestions() {
    }

    /** The closest candidate if it is plausibly a typo, else null. */
    public static String nearest(String typed, Collection<String> candidates) {
        String best = candidates.stream()
                .min(Comparator.comparingInt(c -> DISTANCE.apply(typed.toLowerCase(), c.toLowerCase())))
                .orElse(null);
        if (best == null) {
            return null;
        }
        int d = DISTANCE.apply(typed.toLowerCase(), best.toLowerCase());
        boolean suffixMatch = best.endsWith("." + typed) || best.toLowerCase().contains(typed.toLowerCase());
        return d <= Math.max(2, best.length() / 3) || suffixMatch ? best : null;
    }

    /** {@code "; did you mean 'x'?"} or an empty string. */
    public static String didYouMean(String typed, Collection<String> candidates) {
        String n = nearest(typed, candidates);
        return n == null ? "" : "; did you mean '" + n + "'?";
    }
}
