package ablate.harness.testplugins;

import ablate.harness.spi.Claim;
import ablate.harness.spi.Param;
import ablate.harness.spi.Params;
import ablate.harness.spi.Plugin;
import ablate.harness.spi.PluginInfo;
import ablate.harness.spi.TrialContext;

/** Slot {@code behaviour} of {@link ToyTask}: steady, throwing, diverging and hanging variants. */
public abstract class ToyBehaviour implements Plugin {
    abstract double epochLoss(int epoch, Params params, TrialContext ctx) throws Exception;

    static PluginInfo info(String id, String summary) {
        return PluginInfo.of(id, "behaviour", summary, "", Claim.raises("score", "gain raises the score"),
                Param.real("gain", 0.0, -1, 1, "added to the score"), Param.integer("width", 8, 1, 64, "unused"));
    }

    public static final class Steady extends ToyBehaviour {
        @Override
        public PluginInfo info() {
            return info("toy.steady", "loss 1/epoch");
        }

        @Override
        double epochLoss(int epoch, Params params, TrialContext ctx) {
            return 1.0 / epoch;
        }
    }

    public static final class Throws extends ToyBehaviour {
        @Override
        public PluginInfo info() {
            return info("toy.throws", "throws in epoch 1");
        }

        @Override
        double epochLoss(int epoch, Params params, TrialContext ctx) {
            throw new IllegalStateException("boom from toy.throws");
        }
    }

    public static final class Diverges extends ToyBehaviour {
        @Override
        public PluginInfo info() {
            return info("toy.nan", "NaN loss in epoch 2");
        }

        @Override
        double epochLoss(int epoch, Params params, TrialContext ctx) {
            return epoch == 2 ? Double.NaN : 1.0;
        }
    }

    public static final class Hangs extends ToyBehaviour {
        @Override
        public PluginInfo info() {
            return info("toy.hangs", "never returns");
        }

        @Override
        double epochLoss(int epoch, Params params, TrialContext ctx) throws InterruptedException {
            while (true) {
                Thread.sleep(50);
            }
        }
    }

    /** Sleeps a little per epoch, so a run can be killed mid-way. */
    public static final class Slow extends ToyBehaviour {
        @Override
        public PluginInfo info() {
            return info("toy.slow", "300 ms per epoch");
        }

        @Override
        double epochLoss(int epoch, Params params, TrialContext ctx) throws InterruptedException {
            Thread.sleep(300);
            return 1.0 / epoch;
        }
    }

    /** A real native crash: a write to address 0 through Unsafe kills the JVM with SIGSEGV (hs_err report). */
    public static final class Segfault extends ToyBehaviour {
        @Override
        public PluginInfo info() {
            return info("toy.segfault", "SIGSEGV in epoch 1");
        }

        @Override
        double epochLoss(int epoch, Params params, TrialContext ctx) throws Exception {
            unsafe().putLong(0L, 42L);
            return 1.0;
        }
    }

    /** Hangs ignoring interrupts, after writing its process id to the cache directory (tests check it is gone). */
    public static final class HangsHard extends ToyBehaviour {
        @Override
        public PluginInfo info() {
            return info("toy.hangs-hard", "never returns, ignores interrupts");
        }

        @Override
        double epochLoss(int epoch, Params params, TrialContext ctx) throws Exception {
            java.nio.file.Files.writeString(ctx.cacheDir().resolve("hang-" + ctx.seed() + ".pid"),
                    Long.toString(ProcessHandle.current().pid()));
            while (true) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ignored) {
                    // deliberately deaf
                }
            }
        }
    }

    /** Fills the Java heap until OutOfMemoryError. */
    public static final class HeapHog extends ToyBehaviour {
        @Override
        public PluginInfo info() {
            return info("toy.heap-hog", "allocates Java heap without bound");
        }

        @Override
        double epochLoss(int epoch, Params params, TrialContext ctx) {
            java.util.List<long[]> hoard = new java.util.ArrayList<>();
            while (true) {
                hoard.add(new long[1 << 23]); // 64 MiB: few, large allocations reach the limit in a few GCs
            }
        }
    }

    /** Allocates and touches native memory without bound (up to 4 GiB, so a broken limit cannot sink the machine). */
    public static final class NativeHog extends ToyBehaviour {
        @Override
        public PluginInfo info() {
            return info("toy.native-hog", "allocates native memory without bound");
        }

        @Override
        double epochLoss(int epoch, Params params, TrialContext ctx) throws Exception {
            sun.misc.Unsafe u = unsafe();
            long chunk = 32L << 20;
            for (long total = 0; total < 4L << 30; total += chunk) {
                long address = u.allocateMemory(chunk);
                u.setMemory(address, chunk, (byte) 1);
                Thread.sleep(10);
            }
            Thread.sleep(60_000);
            return 1.0;
        }
    }

    /** Uses 96 MiB of native memory for a moment, as a training step would: its trials' peaks are comparable. */
    public static final class Allocates extends ToyBehaviour {
        @Override
        public PluginInfo info() {
            return info("toy.allocates", "96 MiB native memory per epoch, freed");
        }

        @Override
        double epochLoss(int epoch, Params params, TrialContext ctx) throws Exception {
            sun.misc.Unsafe u = unsafe();
            long size = 96L << 20;
            long address = u.allocateMemory(size);
            u.setMemory(address, size, (byte) 1);
            u.freeMemory(address);
            return 1.0 / epoch;
        }
    }

    static sun.misc.Unsafe unsafe() throws ReflectiveOperationException {
        java.lang.reflect.Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
        f.setAccessible(true);
        return (sun.misc.Unsafe) f.get(null);
    }
}
