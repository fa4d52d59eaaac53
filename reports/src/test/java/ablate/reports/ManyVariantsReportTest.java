package ablate.reports;

import ablate.results.Cost;
import ablate.results.Status;
import ablate.results.SuiteInfo;
import ablate.results.TrialResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A sweep with more variants than the palette has colours: the charts single out a few and say so. */
class ManyVariantsReportTest {
    static final int VARIANTS = 14;

    @Test
    void chartsColourTheBaselineAndTheBestAndListTheRest() {
        List<SuiteInfo.Variant> variants = new ArrayList<>();
        List<TrialResult> trials = new ArrayList<>();
        for (int v = 0; v < VARIANTS; v++) {
            variants.add(Fixtures.variant("v" + v, "x", Map.of("k", v)));
            for (long seed = 1; seed <= 3; seed++) {
                // v13 is the best, then v12, ...; every variant has a learning curve and a cost
                double acc = 0.5 + 0.01 * v + 0.001 * seed;
                trials.add(Fixtures.trial("v" + v, seed, Status.PASSED, null, Map.of("accuracy", acc),
                        Map.of("trainLoss", List.of(1.0, 0.5 - 0.01 * v)),
                        new Cost(1000 + v, 1000 + v, 10, 1, 1 + 0.1 * v, 2, 1 << 20), Map.of()));
            }
        }
        String html = HtmlReport.render(Analysis.of(Fixtures.suite(variants, List.of(1L, 2L, 3L)), trials));

        // Baseline v0 and the 8 best (v6..v13) take the first 9 colours in suite order; v1..v5 are grey.
        assertThat(html).contains("With 14 variants, the charts colour the baseline and the 8 best by accuracy; "
                + "the other 5 are grey.", "5 other variants", "5 variants not drawn: last value of each curve");
        assertThat(swatch(html, "v0")).isEqualTo(Charts.colorHex(0));
        assertThat(swatch(html, "v6")).isEqualTo(Charts.colorHex(1));
        assertThat(swatch(html, "v13")).isEqualTo(Charts.colorHex(8));
        for (int v = 1; v <= 5; v++) {
            assertThat(swatch(html, "v" + v)).isEqualTo(Charts.colorHex(Charts.OTHERS_COLOR));
        }
        int start = html.indexOf("<section id=\"curves\">");
        String curves = html.substring(start, html.indexOf("</section>", start));
        String chart = curves.substring(curves.indexOf("<svg"), curves.indexOf("</svg>"));
        assertThat(chart).contains(">v0<", ">v6<", ">v13<").doesNotContain(">v1<", ">v5<");
        // The table of undrawn variants: v1..v5 with their last trainLoss value.
        String table = curves.substring(curves.indexOf("<details"));
        assertThat(table).contains(">v1</td>", ">v5</td>", ">0.4900</td>", ">0.4500</td>").doesNotContain(">v6</td>");
    }

    @Test
    void longNameListsAreCut() {
        List<SuiteInfo.Variant> variants = new ArrayList<>();
        List<TrialResult> trials = new ArrayList<>();
        for (int v = 0; v < VARIANTS; v++) {
            variants.add(Fixtures.variant("v" + v, "x", Map.of()));
            for (long seed = 1; seed <= 3; seed++) {
                trials.add(Fixtures.passed("v" + v, seed, 0.5 + 0.01 * seed + 0.0001 * v));
            }
        }
        String html = HtmlReport.render(Analysis.of(Fixtures.suite(variants, List.of(1L, 2L, 3L)), trials));
        // No test tells any two apart (the same difference on every seed, overlapping CIs): 13 names each, 10 shown.
        assertThat(html).contains("not significantly better than v12, v11, v10, v9, v8, v7, v6, v5, v4, v3 and 3 more",
                "v13 ≈ v12 ≈ v11 ≈ v10 ≈ v9 ≈ v8 ≈ v7 ≈ v6 ≈ v5 ≈ v4 and 4 more: their differences are not significant");
    }

    /** The swatch colour of a variant's row in the summary table. */
    private static String swatch(String html, String variant) {
        Matcher m = Pattern.compile("background:(#[0-9a-f]{6})\"></span><b>" + variant + "</b>").matcher(html);
        assertThat(m.find()).as("summary row of " + variant).isTrue();
        return m.group(1);
    }
}
