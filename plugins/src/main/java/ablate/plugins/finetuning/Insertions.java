package ablate.plugins.finetuning;

import java.util.Set;

/**
 * What an adaptation adds to a backbone before fine-tuning: LoRA branches on the named linear modules, a
 * bottleneck adapter after each sub-layer, prompt tokens before the input. The base parameters keep their names
 * whatever is added, so the pretrained weights load into every variant.
 *
 * @param loraTargets  module names that get a LoRA branch (e.g. {@code query}, {@code value})
 * @param loraRank     r
 * @param loraAlpha    α (the update is scaled by α/r)
 * @param loraDropout  dropout on the LoRA branch's input
 * @param adapterSize  bottleneck width of Houlsby adapters (0: none)
 * @param promptTokens learned tokens prepended to the input sequence (0: none)
 */
public record Insertions(Set<String> loraTargets, int loraRank, double loraAlpha, double loraDropout,
                         int adapterSize, int promptTokens) {
    public static final Insertions NONE = new Insertions(Set.of(), 0, 0, 0, 0, 0);

    public Insertions {
        loraTargets = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(loraTargets)); // in the order given, for messages
    }

    static Insertions lora(Set<String> targets, int rank, double alpha, double dropout) {
        return new Insertions(targets, rank, alpha, dropout, 0, 0);
    }

    static Insertions adapter(int size) {
        return new Insertions(Set.of(), 0, 0, 0, size, 0);
    }

    static Insertions prompt(int tokens) {
        return new Insertions(Set.of(), 0, 0, 0, 0, tokens);
    }

    /** Rank of the LoRA branch on module {@code name} (0 where there is none). */
    int rankFor(String name) {
        return loraTargets.contains(name) ? loraRank : 0;
    }
}
