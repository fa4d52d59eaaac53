package ablate.plugins.modelselection;

import ablate.harness.spi.TrialContext;
import ablate.plugins.common.SharedWork;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The key and the on-disk form of the {@link Evidence} that the trials of one seed share (they differ only in the
 * criterion), through {@link SharedWork}: across trial processes, shards and {@code --resume}.
 */
final class EvidenceCache {
    /**
     * Part of every key: bump it when the studies, the networks' training or {@link Evidence}'s fields change, so
     * that entries written by older code are never read.
     */
    static final int VERSION = 1;

    /**
     * Jackson writes a double as the shortest decimal that parses back to the same bits (NaN, the AICc of a fit with
     * n ≤ k + 1, as the string "NaN", read back as NaN), so the evidence round-trips exactly; unknown fields fail the
     * read, and a failed read is a recomputation.
     */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private EvidenceCache() {
    }

    /**
     * Everything the evidence depends on, as canonical JSON: the seed, the settings and dataset, and — only where
     * networks are trained — the budget, the data directory the images come from and the device (the synthetic
     * studies are plain Java, the same on every machine), plus {@link #VERSION}. The criterion is left out.
     */
    static String key(TrialContext ctx, Settings settings, boolean withNetworks) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("version", VERSION);
        key.put("seed", ctx.seed());
        key.put("settings", settings);
        key.put("dataset", ctx.dataset());
        if (withNetworks) {
            key.put("budget", ctx.budget());
            key.put("dataDir", String.valueOf(ctx.dataDir()));
            key.put("device", ctx.device().toString());
        }
        return SharedWork.canonical(key);
    }

    static final SharedWork.Codec<Evidence> CODEC = new SharedWork.Codec<>() {
        @Override
        public void write(Evidence evidence, DataOutputStream out) throws IOException {
            byte[] json = JSON.writeValueAsBytes(evidence);
            out.writeInt(json.length);
            out.write(json);
        }

        @Override
        public Evidence read(DataInputStream in) throws IOException {
            return JSON.readValue(in.readNBytes(in.readInt()), Evidence.class);
        }
    };
}
