package ablate.plugins.common;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Results that the trials of one process share, computed once per key — a trained detector that only the
 * post-processor varies around, the evidence that only the selection criterion varies around. The first trial
 * that needs a key computes it on its own thread (under its own timeout); trials that need it meanwhile wait,
 * checking their own cancellation. A failure is remembered (the computations are deterministic: it would fail
 * again) except a cancellation, after which the next trial computes afresh. The {@code capacity} most recently
 * used keys are kept. Nothing outlives the process: this is the memory layer of {@link SharedWork}, which adds the
 * on-disk cache that trial processes, shards and {@code --resume} share.
 */
public final class SharedResults<V> {
    /** What {@link #get} returns: the value and whether this call computed it. */
    public record Lookup<V>(V value, boolean computedHere) {
    }

    private final int capacity;
    private final Map<Object, CompletableFuture<V>> entries = new LinkedHashMap<>(16, 0.75f, true);

    public SharedResults(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }

    /**
     * The value for {@code key}: computed now by {@code compute}, or the one another trial computed or is
     * computing; {@code checkCancelled} is called while waiting and throws when the caller's trial is cancelled.
     */
    public Lookup<V> get(Object key, Callable<V> compute, Runnable checkCancelled) throws Exception {
        while (true) {
            CompletableFuture<V> mine = new CompletableFuture<>();
            CompletableFuture<V> existing;
            synchronized (this) {
                existing = entries.get(key);
                if (existing == null) {
                    entries.put(key, mine);
                    if (entries.size() > capacity) {
                        entries.remove(entries.keySet().iterator().next());
                    }
                }
            }
            if (existing == null) {
                return new Lookup<>(computeInto(mine, key, compute), true);
            }
            V done = await(existing, checkCancelled);
            if (done != null) {
                return new Lookup<>(done, false);
            }
            // the computation we waited for was cancelled: try again (perhaps computing it ourselves)
        }
    }

    private V computeInto(CompletableFuture<V> slot, Object key, Callable<V> compute) throws Exception {
        try {
            V value = compute.call();
            slot.complete(value);
            return value;
        } catch (CancellationException | InterruptedException e) {
            synchronized (this) {
                entries.remove(key, slot);
            }
            slot.completeExceptionally(e);
            throw e;
        } catch (Exception | Error e) {
            slot.completeExceptionally(e);
            throw e;
        }
    }

    /** The value, or null if its computation was cancelled; rethrows a computation's failure. */
    private static <V> V await(CompletableFuture<V> future, Runnable checkCancelled) throws Exception {
        while (true) {
            checkCancelled.run();
            try {
                return future.get(200, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // keep waiting, checking our own cancellation
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof CancellationException || cause instanceof InterruptedException) {
                    return null;
                }
                if (cause instanceof Exception ex) {
                    throw ex;
                }
                throw (Error) cause;
            }
        }
    }

    public synchronized void clear() {
        entries.clear();
    }
}
