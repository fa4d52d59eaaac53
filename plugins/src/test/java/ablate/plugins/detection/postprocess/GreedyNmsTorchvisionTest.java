package ablate.plugins.detection.postprocess;

import ablate.harness.spi.Params;
import ablate.plugins.detection.Detections;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static ablate.plugins.detection.postprocess.ClasswisePostprocessor.IOU_THRESHOLD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Greedy NMS keeps exactly the boxes torchvision.ops.nms keeps, in the same order. The fixture holds random
 * boxes (clustered, with identical copies and tied scores, and on an integer grid where IoUs hit thresholds
 * exactly) and torchvision's kept indices; regenerate it with {@code torchvision_nms.py} next to it.
 */
class GreedyNmsTorchvisionTest {
    private final GreedyNms greedy = new GreedyNms();

    @TestFactory
    List<DynamicTest> keepsWhatTorchvisionKeeps() throws IOException {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("/ablate/plugins/detection/torchvision_nms.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : fixture.get("cases")) {
            JsonNode boxes = c.get("boxes");
            JsonNode scores = c.get("scores");
            Detections.Builder b = Detections.builder(boxes.size());
            for (int i = 0; i < boxes.size(); i++) {
                JsonNode box = boxes.get(i);
                b.add(1, 1, box.get(0).doubleValue(), box.get(1).doubleValue(), box.get(2).doubleValue(),
                        box.get(3).doubleValue(), scores.get(i).doubleValue());
            }
            Detections dets = b.build();
            for (JsonNode run : c.get("runs")) {
                double threshold = run.get("iouThreshold").doubleValue();
                int[] expected = new int[run.get("keep").size()];
                for (int k = 0; k < expected.length; k++) {
                    expected[k] = run.get("keep").get(k).intValue();
                }
                tests.add(DynamicTest.dynamicTest(c.get("name").asText() + ", IoU " + threshold, () -> {
                    Detections kept = greedy.apply(dets, Params.resolve(greedy.info(), Map.of(IOU_THRESHOLD, threshold)));
                    int[] actual = new int[kept.size()];
                    for (int k = 0; k < actual.length; k++) {
                        actual[k] = kept.source(k);
                        assertThat(kept.score(k)).isEqualTo(dets.score(actual[k]));
                        assertThat(kept.x1(k)).isEqualTo(dets.x1(actual[k]));
                    }
                    assertThat(actual).containsExactly(expected);
                }));
            }
        }
        assertThat(tests).hasSizeGreaterThan(15);
        return tests;
    }
}
