package ablate.plugins.common;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyTest {
    @Test
    void warmUpIsDiscardedAndTheSpreadIsReported() {
        // a fake clock: the op "takes" 50 ms during warm-up (cold), then 1..20 ms cycling
        AtomicLong now = new AtomicLong();
        AtomicLong calls = new AtomicLong();
        int warmupOps = 2 * 10;
        Latency.Result r = Latency.measure(2, 2, 10, () -> { }, () -> {
            long i = calls.getAndIncrement();
            now.addAndGet(i < warmupOps ? 50_000_000L : ((i - warmupOps) % 20 + 1) * 1_000_000L);
        }, () -> now.get());
        assertThat(calls.get()).isEqualTo(40);
        assertThat(r.medianMs()).isEqualTo(10.0);  // times 1..20: nearest-rank median
        assertThat(r.p95Ms()).isEqualTo(19.0);
        assertThat(r.iqrMs()).isEqualTo(15.0 - 5.0);
    }
}
