package ablate.reports;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LineChartSvgTest {
    @Test
    void ticksAreRoundStepsInsideTheRange() {
        // (1.04 - 0.27) / 5 = 0.154 rounds to a step of 0.2
        assertTicks(LineChartSvg.ticks(0.27, 1.04, false), 0.4, 0.2, 4);
        assertTicks(LineChartSvg.ticks(-0.003, 0.0121, false), 0, 0.005, 3); // 0.00302 rounds to 0.005
        assertThat(LineChartSvg.ticks(1, 8, true)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(LineChartSvg.ticks(1, 100, true)).containsExactly(20, 40, 60, 80, 100);
        // A single epoch still gets a whole-number tick.
        assertThat(LineChartSvg.ticks(0.5, 1.5, true)).containsExactly(1);
    }

    private static void assertTicks(double[] ticks, double first, double step, int count) {
        assertThat(ticks).hasSize(count);
        for (int i = 0; i < count; i++) {
            assertThat(ticks[i]).isCloseTo(first + step * i, within(1e-12));
        }
    }

    @Test
    void drawsAPanelPerCurveAndALinePerSeriesBrokenAtMissingValues() throws Exception {
        Map<String, List<Double>> first = new LinkedHashMap<>();
        first.put("trainLoss", List.of(2.0, 1.0, 0.5));
        first.put("a<b & \"c\"", List.of(0.1, 0.2, 0.3));
        Map<String, List<Double>> second = new LinkedHashMap<>();
        List<Double> gap = new ArrayList<>(List.of(2.2, Double.NaN, 0.6));
        gap.add(null);
        second.put("trainLoss", gap);
        String svg = LineChartSvg.render(List.of(new LineChartSvg.Series("seed 1", first),
                new LineChartSvg.Series("seed 2 (diverged)", second)));

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg).contains(">trainLoss</text>", ">a&lt;b &amp; &quot;c&quot;</text>", ">seed 1</text>",
                ">seed 2 (diverged)</text>", ">epoch</text>");
        List<String> paths = new ArrayList<>();
        var nodes = doc.getElementsByTagName("path");
        for (int i = 0; i < nodes.getLength(); i++) {
            paths.add(nodes.item(i).getAttributes().getNamedItem("d").getNodeValue());
        }
        // trainLoss: seed 1 (3 points), seed 2 (two pieces around the NaN); the second curve: seed 1 only.
        assertThat(paths).hasSize(3);
        assertThat(paths.get(0).chars().filter(c -> c == 'L').count()).isEqualTo(2);
        assertThat(paths.get(1)).matches("M[^ML]+M[^ML]+");
        // One marker per finite value: 3 + 2 + 3.
        assertThat(doc.getElementsByTagName("circle").getLength()).isEqualTo(8);
    }
}
