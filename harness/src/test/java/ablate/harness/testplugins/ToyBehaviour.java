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
}
