package ablate.plugins.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Memory scoping by design: over hundreds of training or inference steps through {@code Steps} and
 * {@code BatchLoader}, the number of live NDArrays in the whole process (all managers hang under the engine's
 * system manager) does not grow by a single array, and no direct buffer is allocated per step.
 */
class StepsMemoryTest {
    private static final int STEPS = 300;
    private static int threads;

    /** One engine thread: fast on a busy machine, and the count does not depend on it. */
    @BeforeAll
    static void oneThread() {
        threads = JniUtils.getNumThreads();
        JniUtils.setNumThreads(1);
    }

    @AfterAll
    static void restoreThreads() {
        JniUtils.setNumThreads(threads);
    }

    /** Every base manager is a child of the engine's system manager. */
    private static final NDManager SYSTEM;

    static {
        try (NDManager base = NDManager.newBaseManager()) {
            SYSTEM = base.getParentManager();
        }
    }

    private static int liveArrays() {
        return SYSTEM.getManagedArrays().size();
    }

    private static long directBuffers() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(p -> p.getName().equals("direct")).mapToLong(BufferPoolMXBean::getCount).sum();
    }

    private static void assertFlat(Workload w) {
        for (int i = 0; i < 10; i++) {
            w.step(); // the optimizer makes its momentum state in the first step
        }
        w.sync();
        int arrays = liveArrays();
        int own = w.liveArrays();
        long buffers = directBuffers();
        for (int i = 0; i < STEPS; i++) {
            w.step();
        }
        w.sync();
        assertThat(liveArrays()).isEqualTo(arrays);
        assertThat(w.liveArrays()).isEqualTo(own);
        // A new loader (2 buffers per batch slot) every 256 batches, nothing per step.
        assertThat(directBuffers() - buffers).isLessThanOrEqualTo(2 * 2);
    }

    @Test
    void trainingStepsLeaveNoArrayBehind() {
        try (Workload w = Workload.train(BenchModel.TINY, 2, Device.cpu(), 1)) {
            assertFlat(w);
        }
    }

    @Test
    void inferenceStepsLeaveNoArrayBehind() {
        try (Workload w = Workload.infer(BenchModel.TINY, 2, Device.cpu(), 1)) {
            assertFlat(w);
        }
    }

    @Test
    void theCountSeesAnArrayLeftOnALongLivedManager() {
        try (NDManager longLived = NDManager.newBaseManager()) {
            int before = liveArrays();
            for (int i = 0; i < 5; i++) {
                try (NDManager step = longLived.newSubManager()) {
                    step.ones(new ai.djl.ndarray.types.Shape(3));
                    longLived.zeros(new ai.djl.ndarray.types.Shape(3)); // escapes the step
                }
            }
            assertThat(liveArrays()).isEqualTo(before + 5);
        }
    }
}
