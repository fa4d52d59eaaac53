package ablate.plugins.detection.postprocess;

import ablate.harness.spi.Param;
import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;
import ablate.plugins.detection.Detections;
import ablate.plugins.detection.PostprocessPlugin;

import java.util.HashMap;
import java.util.Map;

/**
 * Runs a {@link GroupKernel} on every (image, category) group of the input independently: the class-wise
 * post-processing of design.md §3. Groups come out in order of first appearance in the input.
 */
public abstract class ClasswisePostprocessor implements PostprocessPlugin {
    public static final String IOU_THRESHOLD = "iouThreshold";
    public static final String SCORE_THRESHOLD = "scoreThreshold";
    public static final String BOX_OFFSET = "boxOffset";
    public static final String SIGMA = "sigma";
    public static final String KERNEL = "kernel";
    public static final String BETA = "beta";

    private final PluginInfo info;

    protected ClasswisePostprocessor(PluginInfo info) {
        this.info = info;
    }

    @Override
    public final PluginInfo info() {
        return info;
    }

    /** The group kernel for these resolved parameters. */
    abstract GroupKernel kernel(Params params);

    @Override
    public final Detections apply(Detections in, Params params) {
        GroupKernel kernel = kernel(params);
        int n = in.size();
        Grouping groups = Grouping.of(in);
        BoxGroup group = new BoxGroup(groups.largest);
        Detections.Builder out = Detections.builder(n);
        for (int g = 0; g < groups.count; g++) {
            group.load(in, groups.members, groups.start[g], groups.start[g + 1]);
            int kept = kernel.run(group);
            int image = in.image(groups.members[groups.start[g]]);
            int category = in.category(groups.members[groups.start[g]]);
            for (int k = 0; k < kept; k++) {
                out.add(image, category, group.x1[k], group.y1[k], group.x2[k], group.y2[k], group.score[k],
                        group.index[k]);
            }
        }
        return out.build();
    }

    static Param iouThreshold(double defaultValue, String help) {
        return Param.real(IOU_THRESHOLD, defaultValue, 0, 1, help);
    }

    static Param scoreThreshold(double defaultValue, String help) {
        return Param.real(SCORE_THRESHOLD, defaultValue, 0, 1, help);
    }

    static Param boxOffset() {
        return Param.integer(BOX_OFFSET, 0, 0, 1,
                "1 adds 1 to widths, heights and overlaps (the legacy pixel convention of py-faster-rcnn and the "
                        + "Soft-NMS code); 0 treats corners as continuous coordinates");
    }

    /** The input's indices grouped by (image, category): group g is {@code members[start[g]..start[g+1])}. */
    private record Grouping(int count, int[] members, int[] start, int largest) {
        static Grouping of(Detections in) {
            int n = in.size();
            int[] identity = new int[n];
            for (int i = 0; i < n; i++) {
                identity[i] = i;
            }
            if (n == 0) {
                return new Grouping(0, identity, new int[]{0}, 0);
            }
            boolean single = true;
            for (int i = 1; i < n && single; i++) {
                single = in.image(i) == in.image(0) && in.category(i) == in.category(0);
            }
            if (single) {
                return new Grouping(1, identity, new int[]{0, n}, n);
            }
            // Dense group ids in order of first appearance, then a stable counting sort by id.
            Map<Long, Integer> ids = new HashMap<>();
            int[] groupOf = new int[n];
            for (int i = 0; i < n; i++) {
                long key = ((long) in.image(i) << 32) | (in.category(i) & 0xffffffffL);
                Integer id = ids.putIfAbsent(key, ids.size());
                groupOf[i] = id == null ? ids.size() - 1 : id;
            }
            int count = ids.size();
            int[] start = new int[count + 1];
            for (int i = 0; i < n; i++) {
                start[groupOf[i] + 1]++;
            }
            int largest = 0;
            for (int g = 0; g < count; g++) {
                largest = Math.max(largest, start[g + 1]);
                start[g + 1] += start[g];
            }
            int[] members = new int[n];
            int[] next = start.clone();
            for (int i = 0; i < n; i++) {
                members[next[groupOf[i]]++] = i;
            }
            return new Grouping(count, members, start, largest);
        }
    }
}
