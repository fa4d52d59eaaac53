package ablate.plugins.finetuning;

import ablate.harness.spi.Claim;
import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;

/** {@code adaptation.linear-probe}: the backbone frozen whole; only the new linear head trains. */
public final class LinearProbePlugin implements AdaptationPlugin {
    static final PluginInfo INFO = PluginInfo.of("adaptation.linear-probe", FineTuningTask.ADAPTATION,
            "linear probe: the pretrained features frozen, a linear classifier trained on them",
            "Kumar, A., Raghunathan, A., Jones, R., Ma, T., Liang, P.: Fine-Tuning can Distort Pretrained Features"
                    + " and Underperform Out-of-Distribution. ICLR 2022",
            Claim.lowers("accuracy", "in distribution, fine-tuning beats linear probing (Kumar et al. 2022: on"
                    + " average over their ID benchmarks, e.g. CIFAR-10 with a CLIP ResNet-50)"),
            AdaptationPlugin.headLrScaleParam());

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public boolean trains(String name, Params params) {
        return false;
    }

    /** Nothing but the head trains: no backbone rate to set. */
    @Override
    public double lrScale(Params params) {
        return headLrScale(params);
    }

    @Override
    public boolean trainsBackbone() {
        return false;
    }
}
