package ablate.reports;

import ablate.reports.sections.PerClassRecallSection;
import ablate.results.Cost;
import ablate.results.Status;
import ablate.results.SuiteInfo;
import ablate.results.TrialResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PerClassRecallSectionTest {
    private static TrialResult trial(String variant, long seed, Double head, Double tail) {
        Map<String, Object> artifacts = new LinkedHashMap<>();
        artifacts.put("classNames", List.of("T-shirt", "<boot>"));
        artifacts.put(PerClassRecallSection.RECALL, Arrays.asList(head, tail));
        artifacts.put(PerClassRecallSection.COUNTS, List.of(6000, 60));
        return Fixtures.trial(variant, seed, Status.PASSED, null, Map.of("accuracy", 0.5), Map.of(), Cost.NONE, artifacts);
    }

    private static Analysis analysis(boolean withRecall) {
        List<SuiteInfo.Variant> variants = List.of(Fixtures.variant("baseline", "loss.cross-entropy", Map.of()),
                Fixtures.variant("focal", "loss.focal", Map.of()));
        SuiteInfo f = Fixtures.suite(variants, List.of(1L, 2L));
        SuiteInfo suite = new SuiteInfo("lt", "suites/long-tail.yaml", "classification", "accuracy", List.of(),
                "baseline", variants, f.seeds(), f.dataset(), f.budget());
        List<TrialResult> trials = new ArrayList<>();
        if (withRecall) {
            trials.add(trial("baseline", 1, 0.9, 0.2));
            trials.add(trial("baseline", 2, 0.8, null));
            trials.add(trial("focal", 1, 0.7, 0.4));
            trials.add(trial("focal", 2, 0.6, 0.5));
        } else {
            trials.add(Fixtures.trial("baseline", 1, Status.PASSED, null, Map.of("accuracy", 0.5), Map.of(), Cost.NONE, Map.of()));
        }
        return Analysis.of(suite, trials);
    }

    @Test
    void tablesTheMeanRecallOverSeedsWithTheTrainingCounts() {
        String html = PerClassRecallSection.html(analysis(true));
        // T-shirt: baseline (0.9 + 0.8)/2, focal (0.7 + 0.6)/2; the boot: baseline only seed 1 defines it
        assertThat(html).contains("<td>T-shirt</td><td class=\"num\">6,000</td><td class=\"num\">85.0</td>"
                + "<td class=\"num\">65.0</td>");
        assertThat(html).contains("<td>&lt;boot&gt;</td><td class=\"num\">60</td><td class=\"num\">20.0</td>"
                + "<td class=\"num\">45.0</td>");
    }

    @Test
    void absentWithoutRecallAndHookedIntoTheReport() {
        assertThat(PerClassRecallSection.html(analysis(false))).isEmpty();
        assertThat(HtmlReport.render(analysis(false))).doesNotContain("<section id=\"per-class\">");
        assertThat(HtmlReport.render(analysis(true))).contains("<section id=\"per-class\">")
                .contains("href=\"#per-class\"");
    }
}
