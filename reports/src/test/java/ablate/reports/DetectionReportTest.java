package ablate.reports;

import ablate.results.Cost;
import ablate.results.Status;
import ablate.results.SuiteInfo;
import ablate.results.TrialResult;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The detection artifacts {@code prCurves} and {@code examples} in the HTML report, from hand-made trials. */
class DetectionReportTest {
    static final List<String> CATEGORIES = List.of("disc", "square", Fixtures.HOSTILE);

    /** The harness' shape: variants "baseline" and "soft-nms" (better mAP), seeds 1 and 2, each with both artifacts. */
    static Analysis detectionAnalysis() {
        List<SuiteInfo.Variant> variants = List.of(Fixtures.variant("baseline", "nms.greedy", Map.of()),
                Fixtures.variant("soft-nms", "nms.soft", Map.of("sigma", 0.5)));
        SuiteInfo f = Fixtures.suite(variants, List.of(1L, 2L));
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("name", "synthetic-shapes");
        dataset.put("train", 0);
        dataset.put("test", 200);
        SuiteInfo suite = new SuiteInfo("detect", "suites/detect.yaml", "detection", "mAP", List.of("postprocessMs"),
                "baseline", variants, f.seeds(), dataset, f.budget());
        List<TrialResult> trials = new ArrayList<>();
        for (long seed = 1; seed <= 2; seed++) {
            trials.add(trial("baseline", seed, 0.40, 0.0));
            trials.add(trial("soft-nms", seed, 0.45, 0.05));
        }
        return Analysis.of(suite, trials);
    }

    static TrialResult trial(String variant, long seed, double map, double gain) {
        List<Double> recall = new ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            recall.add(i / 100.0);
        }
        List<Map<String, Object>> curves = new ArrayList<>();
        for (int c = 0; c < CATEGORIES.size(); c++) {
            List<Double> precision = new ArrayList<>();
            for (double r : recall) {
                precision.add(r > 0.9 - 0.1 * c ? 0.0 : 1 - 0.3 * r - 0.1 * c - 0.1 + gain);
            }
            Map<String, Object> curve = new LinkedHashMap<>();
            curve.put("categoryId", c + 1);
            curve.put("category", CATEGORIES.get(c));
            curve.put("objects", 100 - 10 * c);
            curve.put("ap", 0.8 - 0.1 * c + gain);
            curve.put("precision", precision);
            curves.add(curve);
        }
        Map<String, Object> pr = new LinkedHashMap<>();
        pr.put("iou", 0.5);
        pr.put("set", "synthetic test set (200 images)");
        pr.put("recall", recall);
        pr.put("curves", curves);
        List<Map<String, Object>> examples = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("imageId", 7 + i);
            e.put("set", i == 0 ? "test" : "test@crowding=0.5");
            e.put("width", 16);
            e.put("height", 12);
            e.put("truth", List.of(List.of(1.0, 1.0, 5.0, 4.0, 1.0), List.of(8.0, 2.0, 6.0, 6.0, 2.0)));
            e.put("detections", List.of(List.of(1.2, 0.8, 5.0, 4.2, 1.0, 0.91), List.of(8.5, 2.0, 5.5, 6.0, 2.0, 0.62),
                    List.of(3.0, 6.0, 4.0, 4.0, 3.0, 0.35)));
            e.put("png", png());
            examples.add(e);
        }
        return Fixtures.trial(variant, seed, Status.PASSED, null,
                Map.of("mAP", map + 0.01 * seed, "postprocessMs@crowding=0.5", 2.0 - gain),
                Map.of(), Cost.NONE, Map.of(PrCurves.ARTIFACT, pr, ExampleImage.ARTIFACT, examples));
    }

    /** A 16 × 12 grey PNG, base64. */
    static String png() {
        BufferedImage image = new BufferedImage(16, 12, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 16; x++) {
                image.setRGB(x, y, 0x404040 + (x * 8 << 8));
            }
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String section(String html, String id) {
        int at = html.indexOf("<section id=\"" + id + "\">");
        assertThat(at).as("section %s", id).isPositive();
        return html.substring(at, html.indexOf("</section>", at));
    }

    @Test
    void precisionRecallChartsOfTheBaselineAndTheBestWithTheirApsInTheLegend() {
        String html = HtmlReport.render(detectionAnalysis());
        assertThat(html).doesNotContain("id=\"confusion\"", "href=\"#confusion\""); // a classification section
        String pr = section(html, "precision-recall");

        assertThat(count(pr, "<figure class=\"chart pr\">")).isEqualTo(2);
        List<String> captions = all(pr, "<figcaption>.*?</span>([^<]+?) <span class=\"muted\">· seed (\\d+)");
        assertThat(captions).containsExactly("baseline/1", "soft-nms/1");
        // One line per category: a legend entry with its AP (drawn as text by JFreeSVG), in each chart.
        String[] charts = pr.split("<figure class=\"chart pr\">");
        assertThat(charts[1]).contains(">disc (AP 0.8000)<", ">square (AP 0.7000)<");
        assertThat(charts[2]).contains(">disc (AP 0.8500)<", ">square (AP 0.7500)<");
        for (int i = 1; i <= 2; i++) {
            assertThat(count(charts[i], "(AP ")).isEqualTo(3);
            assertThat(charts[i]).contains(">recall</text>");
        }
        // The AP table lists every category for both variants.
        String table = pr.substring(pr.indexOf("<table class=\"pr-ap\">"));
        assertThat(count(table, "<tr><td>")).isEqualTo(3);
        assertThat(table).contains("<td>disc</td><td class=\"num\">100</td><td class=\"num\">0.8000</td><td class=\"num\">0.8500</td>");
        assertThat(html).contains("<a href=\"#precision-recall\">", "<a href=\"#examples\">");
    }

    @Test
    void examplesShowTheSameImagesOfBothVariantsWithTheBoxesDrawnByTheReport() {
        String html = HtmlReport.render(detectionAnalysis());
        String examples = section(html, "examples");

        assertThat(all(examples, "class=\"example-head\">.*?</span>([^<]+?) <span class=\"muted\">· seed (\\d+)"))
                .containsExactly("baseline/1", "soft-nms/1");
        List<String> figures = List.of(examples.split("<figure class=\"example\">")).subList(1, 5);
        assertThat(figures).hasSize(4);
        for (String f : figures) {
            String svg = f.substring(f.indexOf("<svg"), f.indexOf("</svg>"));
            assertThat(count(svg, "stroke-dasharray")).isEqualTo(2);            // true boxes (white dashes)
            assertThat(count(svg, "<rect ")).isEqualTo(1 + 2 * 2 + 3);         // background, truth twice, detections
            assertThat(svg).contains(">disc 0.91</text>", ">square 0.62</text>", "<image width=\"16\" height=\"12\"");
            // Detections take their category's colour in the precision–recall chart.
            assertThat(svg).contains("stroke=\"" + Charts.colorHex(0) + "\"", "stroke=\"" + Charts.colorHex(1) + "\"");
        }
        assertThat(figures.get(0)).contains("image 7 · test · 2 true, 3 detected");
        assertThat(figures.get(1)).contains("image 7 · test · 2 true, 3 detected");
        assertThat(figures.get(2)).contains("image 8 · test@crowding=0.5");
    }

    @Test
    void hostileCategoryNamesAndSvgMarkupEndUpInert() {
        String html = HtmlReport.render(detectionAnalysis());

        assertThat(html).doesNotContain(Fixtures.HOSTILE, "alert(1)", "alert(2)", "onload", "foreignObject", "<img");
        assertThat(html.toLowerCase()).doesNotContain("<script");
        // The name is escaped in the chart legend (JFreeSVG), the AP table (Pebble) and the box labels (the report).
        assertThat(html).contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &apos;q&apos; (AP 0.6000)",
                "<td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &#39;q&#39;</td>",
                "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &apos;q&apos; 0.35</text>");
        assertThat(html).contains("href=\"data:image/png;base64," + png() + "\"");
    }

    @Test
    void malformedArtifactsAreLeftOut() {
        Map<String, Object> badPr = Map.of("iou", 0.5, "recall", List.of(0.0, 0.5, 1.0),
                "curves", List.of(Map.of("categoryId", 1, "precision", List.of(1.0, 0.5)), "not a curve"));
        TrialResult t = Fixtures.trial("baseline", 1, Status.PASSED, null, Map.of("mAP", 0.4), Map.of(), Cost.NONE,
                Map.of(PrCurves.ARTIFACT, badPr, ExampleImage.ARTIFACT, List.of(Map.of("width", 0, "height", 5), "x",
                        Map.of("width", 4, "height", 4, "truth", List.of(List.of(1, 1, 2), List.of(0, 0, 2, 2, 1)),
                                "png", "AAAA\"/><script>alert(1)</script>"))));
        assertThat(PrCurves.of(t)).isEmpty();
        List<ExampleImage> examples = ExampleImage.of(t);
        assertThat(examples).hasSize(1);
        assertThat(examples.get(0).truth()).hasSize(1);
        assertThat(examples.get(0).png()).isEmpty();
        assertThat(examples.get(0).detections()).isEmpty();

        SuiteInfo suite = Fixtures.suite(List.of(Fixtures.variant("baseline", "x", Map.of())), List.of(1L));
        String html = HtmlReport.render(Analysis.of(suite, List.of(t)));
        assertThat(html).doesNotContain("<section id=\"precision-recall\">", "<image").contains("<section id=\"examples\">");
        // A classification report has neither section.
        assertThat(HtmlReport.render(Analysis.of(suite, List.of(Fixtures.passed("baseline", 1, 0.9)))))
                .doesNotContain("id=\"precision-recall\"", "id=\"examples\"");
    }

    @Test
    void headlineNamesTheBaselineOnceAndAZeroSizeIsAll() {
        String html = HtmlReport.render(detectionAnalysis());
        assertThat(html).contains("beat the baseline significantly", "train: all", "test: 200")
                .doesNotContain("baseline baseline", "train: 0");
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int at = s.indexOf(part); at >= 0; at = s.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }

    /** Every match of {@code regex}'s two groups, joined by {@code /}. */
    private static List<String> all(String s, String regex) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(s);
        while (m.find()) {
            out.add(m.group(1).trim() + "/" + m.group(2));
        }
        return out;
    }
}
