package ablate.plugins.detection.postprocess;

import ablate.plugins.detection.Detections;
import ablate.plugins.detection.PostprocessPlugin;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static ablate.plugins.detection.postprocess.Boxes.run;
import static ablate.plugins.detection.postprocess.Boxes.scores;
import static ablate.plugins.detection.postprocess.Boxes.sources;
import static ablate.plugins.detection.postprocess.ClasswisePostprocessor.BOX_OFFSET;
import static ablate.plugins.detection.postprocess.ClasswisePostprocessor.IOU_THRESHOLD;
import static ablate.plugins.detection.postprocess.ClasswisePostprocessor.SCORE_THRESHOLD;
import static ablate.plugins.detection.postprocess.ClasswisePostprocessor.SIGMA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * Soft-NMS with {@code boxOffset = 1} keeps the same boxes, in the same order, as the code released with
 * Bodla et al. 2017 ({@code cpu_soft_nms}, float32), with the same scores to float32 precision. The fixture
 * was made by {@code soft_nms_reference.py} next to it.
 */
class SoftNmsReferenceTest {
    @TestFactory
    List<DynamicTest> matchesTheReleasedCode() throws IOException {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("/ablate/plugins/detection/soft_nms_reference.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : fixture.get("cases")) {
            Detections.Builder b = Detections.builder(c.get("boxes").size());
            for (int i = 0; i < c.get("boxes").size(); i++) {
                JsonNode box = c.get("boxes").get(i);
                b.add(1, 1, box.get(0).doubleValue(), box.get(1).doubleValue(), box.get(2).doubleValue(),
                        box.get(3).doubleValue(), c.get("scores").get(i).doubleValue());
            }
            Detections dets = b.build();
            for (JsonNode r : c.get("runs")) {
                boolean linear = r.get("method").asText().equals("linear");
                PostprocessPlugin plugin = linear ? new SoftNmsLinear() : new SoftNmsGaussian();
                Map<String, Object> params = linear
                        ? Map.of(IOU_THRESHOLD, r.get("nt").doubleValue(), SCORE_THRESHOLD, r.get("scoreThreshold").doubleValue(), BOX_OFFSET, 1)
                        : Map.of(SIGMA, r.get("sigma").doubleValue(), SCORE_THRESHOLD, r.get("scoreThreshold").doubleValue(), BOX_OFFSET, 1);
                int[] keep = new int[r.get("keep").size()];
                double[] expectedScores = new double[keep.length];
                for (int k = 0; k < keep.length; k++) {
                    keep[k] = r.get("keep").get(k).intValue();
                    expectedScores[k] = r.get("scores").get(k).doubleValue();
                }
                tests.add(DynamicTest.dynamicTest(dets.size() + " boxes, " + params, () -> {
                    Detections out = run(plugin, dets, params);
                    assertThat(sources(out)).containsExactly(keep);
                    double[] actual = scores(out);
                    for (int k = 0; k < keep.length; k++) {
                        assertThat(actual[k]).isCloseTo(expectedScores[k], withinPercentage(1e-4));
                    }
                }));
            }
        }
        assertThat(tests).hasSize(12);
        return tests;
    }
}
