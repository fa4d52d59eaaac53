package ablate.plugins.detection.postprocess;

import ablate.harness.spi.Params;
import ablate.plugins.detection.Detections;
import ablate.plugins.detection.PostprocessPlugin;

import java.util.Map;

/** Test helpers: a one-group input from {@code {x1, y1, x2, y2, score}} rows, and runs of a plugin. */
final class Boxes {
    private Boxes() {
    }

    static Detections of(double[]... rows) {
        Detections.Builder b = Detections.builder(rows.length);
        for (double[] r : rows) {
            b.add(7, 3, r[0], r[1], r[2], r[3], r[4]);
        }
        return b.build();
    }

    static Detections run(PostprocessPlugin plugin, Detections in, Map<String, Object> overrides) {
        return plugin.apply(in, Params.resolve(plugin.info(), overrides));
    }

    static int[] sources(Detections d) {
        int[] s = new int[d.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = d.source(i);
        }
        return s;
    }

    static double[] scores(Detections d) {
        double[] s = new double[d.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = d.score(i);
        }
        return s;
    }
}
