package ablate.plugins.detection.task;

import ablate.harness.spi.Budget;
import ablate.harness.spi.DatasetSpec;
import ablate.harness.spi.DivergedException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainedDetectorsTest {
    private static final TestContext CTX = new TestContext(1, Budget.DEFAULT, new DatasetSpec("x", "auto", 0, 0, Map.of()));
    private static final TrainedDetectors.Trained DONE = new TrainedDetectors.Trained(new byte[]{1}, List.of(0.5), 2, List.of());

    @Test
    void concurrentTrialsWithOneKeyTrainOnce() throws Exception {
        TrainedDetectors cache = new TrainedDetectors();
        AtomicInteger trainings = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<TrainedDetectors.Lookup> first = pool.submit(() -> cache.get("k", () -> {
                trainings.incrementAndGet();
                started.countDown();
                release.await();
                return DONE;
            }, CTX));
            started.await();
            Future<TrainedDetectors.Lookup> second = pool.submit(() -> cache.get("k", () -> {
                trainings.incrementAndGet();
                return DONE;
            }, CTX));
            Thread.sleep(50);
            assertThat(second.isDone()).isFalse(); // waits for the first
            release.countDown();
            assertThat(first.get().trainedNow()).isTrue();
            assertThat(second.get().trainedNow()).isFalse();
            assertThat(second.get().trained()).isSameAs(DONE);
            assertThat(cache.get("other", () -> {
                trainings.incrementAndGet();
                return DONE;
            }, CTX).trainedNow()).isTrue();
            assertThat(trainings).hasValue(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedTrainingIsRememberedButACancelledOneIsRetried() throws Exception {
        TrainedDetectors cache = new TrainedDetectors();
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> cache.get("diverges", () -> {
            calls.incrementAndGet();
            throw new DivergedException("loss became NaN at epoch 1");
        }, CTX)).isInstanceOf(DivergedException.class);
        assertThatThrownBy(() -> cache.get("diverges", () -> {
            calls.incrementAndGet();
            return DONE;
        }, CTX)).isInstanceOf(DivergedException.class).hasMessageContaining("NaN");
        assertThat(calls).hasValue(1);

        assertThatThrownBy(() -> cache.get("slow", () -> {
            throw new CancellationException("timed out");
        }, CTX)).isInstanceOf(CancellationException.class);
        assertThat(cache.get("slow", () -> DONE, CTX).trainedNow()).isTrue();
    }

    @Test
    void keepsAtMostItsCapacityDroppingTheLeastRecentlyUsed() throws Exception {
        TrainedDetectors cache = new TrainedDetectors();
        for (int i = 0; i <= TrainedDetectors.CAPACITY; i++) {
            cache.get("k" + i, () -> DONE, CTX);
            cache.get("k0", () -> DONE, CTX); // keep k0 recent
        }
        assertThat(cache.get("k0", () -> DONE, CTX).trainedNow()).isFalse();
        assertThat(cache.get("k1", () -> DONE, CTX).trainedNow()).isTrue(); // dropped
    }
}
