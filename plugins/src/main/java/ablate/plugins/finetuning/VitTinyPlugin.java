package ablate.plugins.finetuning;

import ablate.harness.spi.Param;
import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code backbone.vit-tiny}: the catalog's ViT-tiny sized for 28×28 inputs ({@link TinyVit}): 4×4 patches (49
 * tokens and a class token), width 64, depth 4, 4 heads, MLP ratio 2 by default.
 */
public final class VitTinyPlugin implements FineTuneBackbonePlugin {
    static final PluginInfo INFO = PluginInfo.of("backbone.vit-tiny", FineTuningTask.BACKBONE,
            "small Vision Transformer (patch 4, pre-norm, class token); LoRA targets its attention and MLP projections",
            "Dosovitskiy, A. et al.: An Image is Worth 16x16 Words: Transformers for Image Recognition at Scale. ICLR 2021",
            null,
            Param.integer("patch", 4, 1, 28, "patch side in pixels (must divide the image side)"),
            Param.integer("dim", 64, 8, 512, "token width"),
            Param.integer("depth", 4, 1, 24, "encoder layers"),
            Param.integer("heads", 4, 1, 16, "attention heads (must divide dim)"),
            Param.integer("mlp-ratio", 2, 1, 8, "MLP hidden width / dim"));

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public Block features(Shape image, Insertions add, Params p) {
        int patch = p.getInt("patch");
        if (image.get(1) % patch != 0 || image.get(2) % patch != 0) {
            throw new IllegalArgumentException(INFO.id() + ": patch " + patch + " does not divide the image "
                    + image.get(1) + "×" + image.get(2));
        }
        if (p.getInt("dim") % p.getInt("heads") != 0) {
            throw new IllegalArgumentException(INFO.id() + ": heads " + p.getInt("heads") + " does not divide dim "
                    + p.getInt("dim"));
        }
        return new TinyVit(image, patch, p.getInt("dim"), p.getInt("depth"), p.getInt("heads"),
                p.getInt("dim") * p.getInt("mlp-ratio"), add);
    }

    @Override
    public Map<String, int[]> linearModules(Params p) {
        int d = p.getInt("dim");
        int m = d * p.getInt("mlp-ratio");
        Map<String, int[]> modules = new LinkedHashMap<>();
        for (String name : VitLayer.MODULES) {
            modules.put(name, name.equals("fc1") ? new int[]{d, m} : name.equals("fc2") ? new int[]{m, d} : new int[]{d, d});
        }
        return modules;
    }

    @Override
    public boolean takesAdapters() {
        return true;
    }

    @Override
    public boolean takesPrompts() {
        return true;
    }
}
