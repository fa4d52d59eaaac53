package ablate.reports;

import ablate.reports.sections.SegmentationSection;
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

class SegmentationSectionTest {
    private static TrialResult trial(String variant, long seed, Double bgIou, Double fgIou) {
        Map<String, Object> perClass = new LinkedHashMap<>();
        perClass.put("iou", Arrays.asList(bgIou, fgIou));
        perClass.put("dice", Arrays.asList(bgIou, null));
        Map<String, Object> example = Map.of("name", "test00000.png", "input", DetectionReportTest.png(),
                "truth", DetectionReportTest.png(), "prediction", DetectionReportTest.png());
        Map<String, Object> artifacts = new LinkedHashMap<>();
        artifacts.put("classNames", List.of("background", "<shirt>"));
        artifacts.put(SegmentationSection.PER_CLASS, perClass);
        artifacts.put(SegmentationSection.EXAMPLES, List.of(example, Map.of("name", "bad", "input", "<script>")));
        return Fixtures.trial(variant, seed, Status.PASSED, null, Map.of("mIoU", 0.5), Map.of(), Cost.NONE, artifacts);
    }

    private static Analysis analysis(boolean withArtifacts) {
        List<SuiteInfo.Variant> variants = List.of(Fixtures.variant("baseline", "seg-loss.ce", Map.of()),
                Fixtures.variant("dice", "seg-loss.dice", Map.of()));
        SuiteInfo f = Fixtures.suite(variants, List.of(1L, 2L));
        SuiteInfo suite = new SuiteInfo("seg", "suites/segmentation.yaml", "segmentation", "mIoU", List.of(),
                "baseline", variants, f.seeds(), f.dataset(), f.budget());
        List<TrialResult> trials = new ArrayList<>();
        if (withArtifacts) {
            trials.add(trial("baseline", 1, 0.9, 0.2));
            trials.add(trial("baseline", 2, 0.8, null));
            trials.add(trial("dice", 1, 0.7, 0.4));
            trials.add(trial("dice", 2, 0.6, 0.5));
        } else {
            trials.add(Fixtures.trial("baseline", 1, Status.PASSED, null, Map.of("mIoU", 0.5), Map.of(), Cost.NONE, Map.of()));
        }
        return Analysis.of(suite, trials);
    }

    @Test
    void tablesMeansOverSeedsAndDrawsOverlaysOfOneSeed() {
        String html = SegmentationSection.html(analysis(true));
        // background IoU: baseline (0.9 + 0.8)/2, dice (0.7 + 0.6)/2; class 1: baseline only seed 1 defines it
        assertThat(html).contains("<td>background</td><td class=\"num\">85.0 / 85.0</td><td class=\"num\">65.0 / 65.0</td>");
        assertThat(html).contains("<td>&lt;shirt&gt;</td><td class=\"num\">20.0 / —</td><td class=\"num\">45.0 / —</td>");
        assertThat(html).contains("Test images of seed 1");
        // row 1: input, truth and one prediction per variant; row 2's non-base64 image is left out
        assertThat(html.split("<img ", -1)).hasSize(1 + 4);
        assertThat(html).doesNotContain("<script>");
    }

    @Test
    void absentWithoutSegmentationArtifactsAndHookedIntoTheReport() {
        assertThat(SegmentationSection.html(analysis(false))).isEmpty();
        assertThat(HtmlReport.render(analysis(false))).doesNotContain("<section id=\"segmentation\">");
        assertThat(HtmlReport.render(analysis(true))).contains("<section id=\"segmentation\">")
                .contains("href=\"#segmentation\"");
    }
}
