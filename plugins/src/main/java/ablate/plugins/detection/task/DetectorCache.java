package ablate.plugins.detection.task;

import ablate.harness.spi.TrialContext;
import ablate.plugins.common.SharedWork;
import ablate.plugins.detection.Detections;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The key and the on-disk form of a {@link DetectionTask.TrainedDetector}, shared through {@link SharedWork} by the
 * trials that differ only in the post-processor, across trial processes, shards and {@code --resume}.
 */
final class DetectorCache {
    /**
     * Part of every key: bump it when training, decoding or the layout below change, so that entries written by
     * older code are never read (they describe another computation).
     */
    static final int VERSION = 1;

    private DetectorCache() {
    }

    /**
     * Everything that determines a trained detector and its raw detections, as canonical JSON: the dataset (and, for
     * files, the data directory their relative paths resolve against), budget, seed, device (CPU and GPU differ in
     * the last digits), the model and loss plugins with their parameters, and {@link #VERSION}. The post-processor
     * is left out: it is what the trials sharing the detector compare.
     */
    static String key(TrialContext ctx, TrialContext.Bound<?>... slots) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("version", VERSION);
        key.put("dataset", ctx.dataset());
        key.put("dataDir", ctx.dataset().name().equals(DetectionData.SYNTHETIC) ? null : String.valueOf(ctx.dataDir()));
        key.put("budget", ctx.budget());
        key.put("seed", ctx.seed());
        key.put("device", ctx.device().toString());
        List<Map<String, Object>> plugins = new ArrayList<>();
        for (TrialContext.Bound<?> b : slots) {
            plugins.add(Map.of("id", b.plugin().id(), "params", b.params().asMap()));
        }
        key.put("plugins", plugins);
        return SharedWork.canonical(key);
    }

    /** Parameters as {@code Block.saveParameters} wrote them; doubles as their bits, so loading is exact. */
    static final SharedWork.Codec<DetectionTask.TrainedDetector> CODEC = new SharedWork.Codec<>() {
        @Override
        public void write(DetectionTask.TrainedDetector d, DataOutputStream out) throws IOException {
            out.writeInt(d.parameters().length);
            out.write(d.parameters());
            out.writeInt(d.trainLoss().size());
            for (double loss : d.trainLoss()) {
                out.writeDouble(loss);
            }
            out.writeDouble(d.trainSeconds());
            out.writeInt(d.raw().size());
            for (Detections raw : d.raw()) {
                writeDetections(raw, out);
            }
        }

        @Override
        public DetectionTask.TrainedDetector read(DataInputStream in) throws IOException {
            byte[] parameters = in.readNBytes(in.readInt());
            int epochs = in.readInt();
            List<Double> trainLoss = new ArrayList<>(epochs);
            for (int e = 0; e < epochs; e++) {
                trainLoss.add(in.readDouble());
            }
            double trainSeconds = in.readDouble();
            int sets = in.readInt();
            List<Detections> raw = new ArrayList<>(sets);
            for (int s = 0; s < sets; s++) {
                raw.add(readDetections(in));
            }
            return new DetectionTask.TrainedDetector(parameters, List.copyOf(trainLoss), trainSeconds, List.copyOf(raw));
        }
    };

    static void writeDetections(Detections d, DataOutputStream out) throws IOException {
        out.writeInt(d.size());
        for (int i = 0; i < d.size(); i++) {
            out.writeInt(d.image(i));
            out.writeInt(d.category(i));
            out.writeDouble(d.x1(i));
            out.writeDouble(d.y1(i));
            out.writeDouble(d.x2(i));
            out.writeDouble(d.y2(i));
            out.writeDouble(d.score(i));
            out.writeInt(d.source(i));
        }
    }

    static Detections readDetections(DataInputStream in) throws IOException {
        int size = in.readInt();
        Detections.Builder b = Detections.builder(size);
        for (int i = 0; i < size; i++) {
            b.add(in.readInt(), in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
                    in.readDouble(), in.readInt());
        }
        return b.build();
    }
}
