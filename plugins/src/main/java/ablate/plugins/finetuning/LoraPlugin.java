package ablate.plugins.finetuning;

import ablate.harness.spi.Claim;
import ablate.harness.spi.Param;
import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code adaptation.lora}: low-rank updates ΔW = (α/r)·B·A on the named linear modules, base weights frozen,
 * merged into them after training ({@link LoraLinear}). Defaults as the paper's GLUE runs: query and value
 * projections, r = 8, α = 2r (the {@code alpha} 0 default means 2r), dropout 0.1.
 */
public final class LoraPlugin implements AdaptationPlugin {
    static final PluginInfo INFO = PluginInfo.of("adaptation.lora", FineTuningTask.ADAPTATION,
            "LoRA: trainable rank-r updates of frozen linear weights, merged after training",
            "Hu, E. J. et al.: LoRA: Low-Rank Adaptation of Large Language Models. ICLR 2022",
            Claim.raises("accuracy", "LoRA matches full fine-tuning with a small share of trainable parameters:"
                    + " RoBERTa-base GLUE average 87.2 (LoRA, 0.3M trainable) vs 86.4 (full, 125M), Hu et al. Table 2"),
            Param.integer("rank", 8, 1, 1024, "r"),
            Param.real("alpha", 0, 0, 4096, "α; the update is scaled by α/r (0: α = 2r)"),
            Param.real("dropout", 0.1, 0, 0.9, "dropout on the LoRA branch's input"),
            Param.text("targets", "query,value", "comma-separated module names (ViT: query, key, value, out, fc1, fc2)")
                    .must("name at least one module", v -> !targets((String) v).isEmpty()),
            AdaptationPlugin.lrScaleParam(10), AdaptationPlugin.headLrScaleParam());

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public Insertions insertions(Params p) {
        int rank = p.getInt("rank");
        double alpha = p.getDouble("alpha") == 0 ? 2.0 * rank : p.getDouble("alpha");
        return Insertions.lora(targets(p.getString("targets")), rank, alpha, p.getDouble("dropout"));
    }

    @Override
    public boolean trains(String name, Params params) {
        return name.endsWith("_loraA") || name.endsWith("_loraB");
    }

    static Set<String> targets(String list) {
        Set<String> out = new LinkedHashSet<>();
        Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }
}
