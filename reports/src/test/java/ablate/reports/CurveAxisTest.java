package ablate.reports;

import ablate.results.Cost;
import ablate.results.Status;
import ablate.results.SuiteInfo;
import ablate.results.TrialResult;
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

/** Curves against the x values a task declares in the artifact {@code curveAxes}, and the fall-back to epochs. */
class CurveAxisTest {
    static final String CURVE = "recoveryRate vs n";
    static final List<Integer> SIZES = List.of(20, 50, 200, 1000);

    static TrialResult trial(String variant, long seed, Object axes) {
        Map<String, List<Double>> curves = new LinkedHashMap<>();
        curves.put(CURVE, List.of(0.2, 0.5 + 0.01 * seed, 0.9, 1.0));
        curves.put("trainLoss", List.of(1.0, 0.5));
        return Fixtures.trial(variant, seed, Status.PASSED, null, Map.of("accuracy", 0.5 + 0.01 * seed), curves,
                Cost.NONE, axes == null ? Map.of() : Map.of(CurveAxis.ARTIFACT, axes));
    }

    static Map<String, Object> declaration(Object label, Object values) {
        Map<String, Object> axis = new LinkedHashMap<>();
        axis.put("label", label);
        axis.put("values", values);
        return Map.of(CURVE, axis);
    }

    @Test
    void readsAValidDeclaration() {
        CurveAxis axis = CurveAxis.declared(trial("a", 1, declaration("sample size n", SIZES)), CURVE).orElseThrow();
        assertThat(axis.label()).isEqualTo("sample size n");
        assertThat(axis.values()).containsExactly(20.0, 50.0, 200.0, 1000.0);
        assertThat(axis.declared()).isTrue();
        assertThat(axis.log()).isTrue(); // 1000 / 20 = 50 > 20
        assertThat(CurveAxis.declared(trial("a", 1, declaration("n", List.of(1, 2, 3, 4))), CURVE).orElseThrow().log())
                .isFalse();
    }

    @Test
    void malformedDeclarationsAreIgnored() {
        List<Object> malformed = new ArrayList<>(List.of(
                "not a map",
                Map.of(CURVE, "not a map"),
                declaration("n", List.of(20, 50, 200)),             // 3 values for 4 points
                declaration("n", List.of(20, 50, "x", 1000)),       // not a number
                declaration("n", List.of(20, 200, 50, 1000)),       // not increasing
                declaration("n", List.of(20, 50, 200, Double.NaN)), // not finite
                declaration(" ", SIZES),                            // blank label
                declaration(7, SIZES),                              // label not a string
                declaration("n", "20, 50, 200, 1000")));            // values not a list
        for (Object axes : malformed) {
            TrialResult t = trial("a", 1, axes);
            assertThat(CurveAxis.declared(t, CURVE)).as("%s", axes).isEmpty();
            assertThat(CurveAxis.of(CURVE, List.of(t))).isEqualTo(CurveAxis.epochs(4));
        }
        // A curve the declaration does not name stays on epochs.
        assertThat(CurveAxis.of("trainLoss", List.of(trial("a", 1, declaration("n", SIZES))))).isEqualTo(CurveAxis.epochs(2));
    }

    @Test
    void trialsThatDisagreeFallBackToEpochs() {
        TrialResult a = trial("a", 1, declaration("n", SIZES));
        assertThat(CurveAxis.of(CURVE, List.of(a, trial("a", 2, declaration("n", SIZES)))).declared()).isTrue();
        assertThat(CurveAxis.of(CURVE, List.of(a, trial("a", 2, declaration("n", List.of(10, 50, 200, 1000))))))
                .isEqualTo(CurveAxis.epochs(4));
        assertThat(CurveAxis.of(CURVE, List.of(a, trial("a", 2, null)))).isEqualTo(CurveAxis.epochs(4));
    }

    @Test
    void htmlChartUsesTheDeclaredAxis() {
        String chart = curveChart(declaration("sample size n", SIZES));
        // JFreeSVG draws the tick labels as glyph outlines, so only the axis label is text to find.
        assertThat(chart).contains(">sample size n</text>").doesNotContain(">epoch</text>");
    }

    @Test
    void htmlChartFallsBackToEpochsOnAMalformedDeclaration() {
        String chart = curveChart(declaration("sample size n", List.of(20, 50)));
        assertThat(chart).contains(">epoch</text>").doesNotContain("sample size n");
    }

    /** The report's chart of {@link #CURVE} for two variants of two seeds each, all declaring {@code axes}. */
    private static String curveChart(Object axes) {
        List<TrialResult> trials = new ArrayList<>();
        for (String v : List.of("base", "other")) {
            for (long seed = 1; seed <= 2; seed++) {
                trials.add(trial(v, seed, axes));
            }
        }
        SuiteInfo suite = Fixtures.suite(List.of(Fixtures.variant("base", "x", Map.of()),
                Fixtures.variant("other", "y", Map.of())), List.of(1L, 2L));
        String html = HtmlReport.render(Analysis.of(suite, trials));
        int at = html.indexOf("<figcaption>" + CURVE + "</figcaption>");
        assertThat(at).isPositive();
        return html.substring(at, html.indexOf("</svg>", at));
    }

    @Test
    void allureSvgAndCsvUseTheDeclaredAxis() throws Exception {
        List<TrialResult> trials = List.of(trial("a", 1, declaration("sample size n", SIZES)),
                trial("a", 2, declaration("sample size n", SIZES)));
        Map<String, CurveAxis> axes = AllureResults.axes(trials);
        assertThat(axes).containsOnlyKeys(CURVE);

        String svg = LineChartSvg.render(trials.stream().map(t -> new LineChartSvg.Series("seed " + t.seed(), t.curves()))
                .toList(), axes);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        // Each panel has its own axis: the declared one with a tick at each size, and epochs for trainLoss.
        assertThat(svg).contains(">sample size n</text>", ">20</text>", ">50</text>", ">200</text>", ">1000</text>",
                ">epoch</text>");
        // Log scale: the x positions of 20, 50, 200, 1000 are spaced as their logarithms.
        String d = doc.getElementsByTagName("path").item(0).getAttributes().getNamedItem("d").getNodeValue();
        double[] x = java.util.Arrays.stream(d.substring(1).split("L")).mapToDouble(p -> Double.parseDouble(p.split(" ")[0]))
                .toArray();
        assertThat((x[1] - x[0]) / (x[3] - x[2])).isCloseTo(Math.log(50.0 / 20) / Math.log(1000.0 / 200), within(0.01));

        assertThat(AllureResults.csv(trials, axes).lines().toList()).startsWith(
                "point,seed,recoveryRate vs n: sample size n,recoveryRate vs n,trainLoss",
                "1,1,20,0.2,1.0",
                "2,1,50,0.51,0.5",
                "3,1,200,0.9,",
                "4,1,1000,1.0,");
        assertThat(AllureResults.csv(trials, Map.of()).lines().findFirst()).hasValue("epoch,seed,recoveryRate vs n,trainLoss");
    }
}
