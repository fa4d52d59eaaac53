package ablate.plugins.common;

import ablate.harness.spi.DivergedException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SharedResultsTest {
    private static final String DONE = "trained";
    private static final Runnable NEVER_CANCELLED = () -> { };

    @Test
    void concurrentTrialsWithOneKeyComputeOnce() throws Exception {
        SharedResults<String> shared = new SharedResults<>(4);
        AtomicInteger computations = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<SharedResults.Lookup<String>> first = pool.submit(() -> shared.get("k", () -> {
                computations.incrementAndGet();
                started.countDown();
                release.await();
                return DONE;
            }, NEVER_CANCELLED));
            started.await();
            Future<SharedResults.Lookup<String>> second = pool.submit(() -> shared.get("k", () -> {
                computations.incrementAndGet();
                return DONE;
            }, NEVER_CANCELLED));
            Thread.sleep(50);
            assertThat(second.isDone()).isFalse(); // waits for the first
            release.countDown();
            assertThat(first.get().computedHere()).isTrue();
            assertThat(second.get().computedHere()).isFalse();
            assertThat(second.get().value()).isSameAs(DONE);
            assertThat(shared.get("other", () -> {
                computations.incrementAndGet();
                return DONE;
            }, NEVER_CANCELLED).computedHere()).isTrue();
            assertThat(computations).hasValue(2);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aWaitingTrialStopsWaitingWhenItIsCancelled() throws Exception {
        SharedResults<String> shared = new SharedResults<>(4);
        CountDownLatch release = new CountDownLatch(1);
        Thread computing = new Thread(() -> {
            try {
                shared.get("k", () -> {
                    release.await();
                    return DONE;
                }, NEVER_CANCELLED);
            } catch (Exception ignored) {
                // not this test's concern
            }
        });
        computing.start();
        AtomicBoolean cancelled = new AtomicBoolean();
        Thread.sleep(20);
        cancelled.set(true);
        assertThatThrownBy(() -> shared.get("k", () -> DONE, () -> {
            if (cancelled.get()) {
                throw new CancellationException("trial cancelled after its timeout");
            }
        })).isInstanceOf(CancellationException.class);
        release.countDown();
        computing.join();
    }

    @Test
    void aFailureIsRememberedButACancellationIsRetried() throws Exception {
        SharedResults<String> shared = new SharedResults<>(4);
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> shared.get("diverges", () -> {
            calls.incrementAndGet();
            throw new DivergedException("loss became NaN at epoch 1");
        }, NEVER_CANCELLED)).isInstanceOf(DivergedException.class);
        assertThatThrownBy(() -> shared.get("diverges", () -> {
            calls.incrementAndGet();
            return DONE;
        }, NEVER_CANCELLED)).isInstanceOf(DivergedException.class).hasMessageContaining("NaN");
        assertThat(calls).hasValue(1);

        assertThatThrownBy(() -> shared.get("slow", () -> {
            throw new CancellationException("timed out");
        }, NEVER_CANCELLED)).isInstanceOf(CancellationException.class);
        assertThat(shared.get("slow", () -> DONE, NEVER_CANCELLED).computedHere()).isTrue();
    }

    @Test
    void keepsAtMostItsCapacityDroppingTheLeastRecentlyUsed() throws Exception {
        SharedResults<String> shared = new SharedResults<>(3);
        for (int i = 0; i <= shared.capacity(); i++) {
            shared.get("k" + i, () -> DONE, NEVER_CANCELLED);
            shared.get("k0", () -> DONE, NEVER_CANCELLED); // keep k0 recent
        }
        assertThat(shared.get("k0", () -> DONE, NEVER_CANCELLED).computedHere()).isFalse();
        assertThat(shared.get("k1", () -> DONE, NEVER_CANCELLED).computedHere()).isTrue(); // dropped
    }
}
