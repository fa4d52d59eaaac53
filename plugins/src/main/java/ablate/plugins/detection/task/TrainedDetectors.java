package ablate.plugins.detection.task;

import ablate.harness.spi.TrialContext;
import ablate.plugins.detection.Detections;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Trained detectors of this process, keyed by everything that determines training (dataset, budget, model and
 * loss plugins with their parameters, seed, device) and nothing else: variants that differ only in the
 * post-processor share one trained detector per seed, and its raw detections on the test sets, so a comparison of
 * post-processors isolates post-processing (and costs one training and one inference pass per seed). The first trial that needs a key trains it in its own thread (under its own timeout); trials
 * that need it meanwhile wait. A failed training is remembered (it would fail again: training is deterministic)
 * except when it was cancelled, in which case the next trial trains afresh. At most {@value #CAPACITY} detectors
 * are kept, the least recently used dropped first. Nothing is kept across processes: a trial resumed in another
 * run retrains, deterministically, the same detector.
 */
final class TrainedDetectors {
    static final int CAPACITY = 16;

    /**
     * A trained detector: its parameters as {@code Block.saveParameters} writes them, how training went, and its
     * raw (not yet post-processed) detections on each test set of the trial's data, in the data's order.
     */
    record Trained(byte[] parameters, List<Double> trainLoss, double trainSeconds, List<Detections> raw) {
    }

    /** What {@link #get} returns: the detector and whether this call trained it. */
    record Lookup(Trained trained, boolean trainedNow) {
    }

    private final Map<String, CompletableFuture<Trained>> entries = new LinkedHashMap<>(16, 0.75f, true);

    Lookup get(String key, Callable<Trained> train, TrialContext ctx) throws Exception {
        while (true) {
            CompletableFuture<Trained> mine = new CompletableFuture<>();
            CompletableFuture<Trained> existing;
            synchronized (this) {
                existing = entries.get(key);
                if (existing == null) {
                    entries.put(key, mine);
                    if (entries.size() > CAPACITY) {
                        entries.remove(entries.keySet().iterator().next());
                    }
                }
            }
            if (existing == null) {
                return new Lookup(trainInto(mine, key, train), true);
            }
            Trained done = await(existing, ctx);
            if (done != null) {
                return new Lookup(done, false);
            }
            // the training we waited for was cancelled: try again (perhaps training it ourselves)
        }
    }

    private Trained trainInto(CompletableFuture<Trained> slot, String key, Callable<Trained> train) throws Exception {
        try {
            Trained trained = train.call();
            slot.complete(trained);
            return trained;
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

    /** The trained detector, or null if its training was cancelled; rethrows a training failure. */
    private static Trained await(CompletableFuture<Trained> future, TrialContext ctx) throws Exception {
        while (true) {
            ctx.checkCancelled();
            try {
                return future.get(200, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // keep waiting, checking our own timeout
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

    synchronized void clear() {
        entries.clear();
    }
}
