package ablate.plugins.modelselection;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The trials of one seed differ only in the criterion, and the evidence they choose from (fits, trained
 * networks) is a deterministic function of the seed and the settings: the first trial to need it computes it,
 * trials of the same seed and settings in the same process reuse it (waiting if it is being computed). A failed
 * or cancelled computation is not kept; a waiting trial then computes it itself. Holds the most recent
 * {@link #CAPACITY} keys.
 */
final class EvidenceCache {
    static final int CAPACITY = 32;

    private static final Map<Object, CompletableFuture<Evidence>> ENTRIES =
            new LinkedHashMap<>(CAPACITY, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Object, CompletableFuture<Evidence>> eldest) {
                    return size() > CAPACITY;
                }
            };

    private EvidenceCache() {
    }

    /** The evidence for {@code key}, and whether this call computed it. */
    record Lookup(Evidence evidence, boolean computedHere) {
    }

    static Lookup get(Object key, Callable<Evidence> compute) throws Exception {
        CompletableFuture<Evidence> mine = new CompletableFuture<>();
        CompletableFuture<Evidence> existing;
        synchronized (ENTRIES) {
            existing = ENTRIES.putIfAbsent(key, mine);
        }
        if (existing != null) {
            try {
                return new Lookup(existing.get(), false);
            } catch (ExecutionException e) {
                return get(key, compute); // the computing trial failed and removed its entry
            }
        }
        try {
            Evidence evidence = compute.call();
            mine.complete(evidence);
            return new Lookup(evidence, true);
        } catch (Throwable t) {
            synchronized (ENTRIES) {
                ENTRIES.remove(key, mine);
            }
            mine.completeExceptionally(t);
            throw t;
        }
    }

    static void clear() {
        synchronized (ENTRIES) {
            ENTRIES.clear();
        }
    }
}
