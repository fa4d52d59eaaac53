package ablate.reports;

import ablate.reports.sections.SuperResolutionSection;
import ablate.results.Cost;
import ablate.results.Status;
import ablate.results.SuiteInfo;
import ablate.results.TrialResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SuperResolutionSectionTest {
    private static TrialResult trial(String variant, long seed, double psnrA, double psnrB, double ms) {
        Map<String, Object> artifacts = new LinkedHashMap<>();
        artifacts.put(SuperResolutionSection.PER_IMAGE, List.of(Map.of("name", "a.png", "psnrY", psnrA, "ssimY", 0.5),
                Map.of("name", "<b>.png", "psnrY", psnrB, "ssimY", 0.7)));
        String png = DetectionReportTest.png();
        artifacts.put(SuperResolutionSection.CROPS, List.of(Map.of("name", "a.png", "x", 4, "y", 8, "size", 16,
                "hr", png, "bicubic", png, "output", png)));
        return Fixtures.trial(variant, seed, Status.PASSED, null,
                Map.of("psnrY", (psnrA + psnrB) / 2, "ssimY", 0.6, "msPerMegapixel", ms), Map.of(), Cost.NONE, artifacts);
    }

    private static Analysis analysis() {
        List<SuiteInfo.Variant> variants = List.of(Fixtures.variant("baseline", "sr.bicubic", Map.of()),
                Fixtures.variant("srcnn", "sr.srcnn", Map.of()), Fixtures.variant("slow", "sr.srcnn", Map.of()));
        SuiteInfo f = Fixtures.suite(variants, List.of(1L, 2L));
        SuiteInfo suite = new SuiteInfo("sr", "suites/super-resolution.yaml", "super-resolution", "psnrY", List.of(),
                "baseline", variants, f.seeds(), f.dataset(), f.budget());
        List<TrialResult> trials = new ArrayList<>();
        trials.add(trial("baseline", 1, 30, 28, 10));
        trials.add(trial("baseline", 2, 30, 28, 10));
        trials.add(trial("srcnn", 1, 31, 29, 900));
        trials.add(trial("srcnn", 2, 32, 30, 1100));
        trials.add(trial("slow", 1, 30.5, 28, 5000));
        trials.add(trial("slow", 2, 30.5, 28, 5000));
        return Analysis.of(suite, trials);
    }

    @Test
    void perImageMeansCropsAndParetoFront() {
        String html = SuperResolutionSection.html(analysis());
        // a.png: baseline 30, srcnn (31 + 32)/2, slow 30.5; mean row from the trials' psnrY
        assertThat(html).contains("<td>a.png</td><td class=\"num\">30.00 / 0.5000</td><td class=\"num\">31.50 / 0.5000</td>"
                + "<td class=\"num\">30.50 / 0.5000</td>");
        assertThat(html).contains("<td>&lt;b&gt;.png</td>").doesNotContain("<b>.png");
        assertThat(html).contains("<td><b>mean</b></td><td class=\"num\">29.00 / 0.6000</td><td class=\"num\">30.50");
        // one crop row: HR, bicubic and the three variants
        assertThat(html.split("<img ", -1)).hasSize(1 + 5);
        assertThat(html).contains("width=\"48\"");
        // fastest first; slow is not on the front (srcnn is faster and better)
        assertThat(html).contains("<tr><td>baseline</td><td class=\"num\">10.0</td><td class=\"num\">29.00</td>"
                + "<td class=\"num\">0.6000</td><td>yes</td></tr>");
        assertThat(html).contains("<tr><td>srcnn</td><td class=\"num\">1000.0</td><td class=\"num\">30.50</td>"
                + "<td class=\"num\">0.6000</td><td>yes</td></tr>");
        assertThat(html).contains("<tr><td>slow</td><td class=\"num\">5000.0</td><td class=\"num\">29.25</td>"
                + "<td class=\"num\">0.6000</td><td></td></tr>");
        assertThat(HtmlReport.render(analysis())).contains("<section id=\"super-resolution\">")
                .contains("href=\"#super-resolution\"");
    }
}
