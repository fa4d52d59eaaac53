package ablate.reports;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ExampleLabelsTest {
    @Test
    void labelsOfCrowdedDetectionsDoNotOverlap() {
        // five detections of nearly the same object (what NMS variants keep on a crowded image), 96x96 pixels
        List<double[]> detections = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            detections.add(new double[]{30 + i, 40 + i, 30, 30, 1, 0.9 - i * 0.1});
        }
        ExampleImage image = new ExampleImage(1, "test", 96, 96, List.of(), detections, "");
        String svg = image.svg(List.of(1L), Map.of(1L, "circle"));

        double font = 96 / 26.0;
        Matcher m = Pattern.compile("<text x=\"([0-9.]+)\" y=\"([0-9.]+)\"[^>]*>([^<]*)</text>").matcher(svg);
        List<double[]> boxes = new ArrayList<>();
        while (m.find()) {
            double x = Double.parseDouble(m.group(1));
            double y = Double.parseDouble(m.group(2));
            double w = m.group(3).length() * font * 0.62;
            boxes.add(new double[]{x, y - font, x + w, y + font * 0.25});
            assertThat(y - font).isGreaterThanOrEqualTo(-0.01);
            assertThat(y).isLessThanOrEqualTo(96.01);
        }
        assertThat(boxes).hasSizeGreaterThanOrEqualTo(3);
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                assertThat(LabelLayout.overlaps(boxes.get(i), boxes.get(j))).as("labels %d and %d", i, j).isFalse();
            }
        }
        assertThat(svg).contains(">circle 0.90</text>"); // the most confident keeps its label
        assertThat(svg.split("<rect x=").length - 1).isEqualTo(5); // every box is still drawn
    }
}
