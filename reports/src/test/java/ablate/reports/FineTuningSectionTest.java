package ablate.reports;

import ablate.reports.sections.FineTuningSection;
import ablate.results.Cost;
import ablate.results.Status;
import ablate.results.SuiteInfo;
import ablate.results.TrialResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FineTuningSectionTest {
    private static TrialResult trial(String variant, long seed, double accuracy, double share, double memory) {
        return Fixtures.trial(variant, seed, Status.PASSED, null,
                Map.of("accuracy", accuracy, "trainablePercent", share, "peakMemoryMiB", memory), Map.of(), Cost.NONE, Map.of());
    }

    private static Analysis analysis(boolean peft) {
        List<SuiteInfo.Variant> variants = List.of(Fixtures.variant("baseline", "adaptation.full", Map.of()),
                Fixtures.variant("lora", "adaptation.lora", Map.of()), Fixtures.variant("probe", "adaptation.linear-probe", Map.of()));
        SuiteInfo f = Fixtures.suite(variants, List.of(1L, 2L));
        SuiteInfo suite = new SuiteInfo("peft", "suites/peft.yaml", "fine-tuning", "accuracy", List.of(),
                "baseline", variants, f.seeds(), f.dataset(), f.budget());
        List<TrialResult> trials = new ArrayList<>();
        if (peft) {
            trials.add(trial("baseline", 1, 0.80, 100, 360));
            trials.add(trial("baseline", 2, 0.82, 100, 356));
            trials.add(trial("lora", 1, 0.79, 5.8, 380));
            trials.add(trial("lora", 2, 0.81, 5.8, 376));
            trials.add(trial("probe", 1, 0.60, 0.23, 390));
            trials.add(trial("probe", 2, 0.58, 0.23, 400));
        } else {
            trials.add(Fixtures.passed("baseline", 1, 0.8));
        }
        return Analysis.of(suite, trials);
    }

    @Test
    void drawsAccuracyAgainstShareAndMemoryWithTheirParetoFronts() {
        String html = FineTuningSection.html(analysis(true));
        assertThat(html).contains("<section id=\"fine-tuning\">").contains("chart-peft-share").contains("chart-peft-memory");
        // by share: the probe is cheapest, LoRA cheaper than full and better than the probe, full the most accurate
        assertThat(html).contains("Pareto front: probe &rarr; lora &rarr; baseline");
        // by memory (baseline 358 ± 2.8, LoRA 378 ± 2.8, probe 395 ± 7.1 MiB): full is cheapest and best, alone
        assertThat(html).contains("Pareto front: baseline</p>");
    }

    @Test
    void absentWithoutFineTuningMetricsAndHookedIntoTheReport() {
        assertThat(FineTuningSection.html(analysis(false))).isEmpty();
        assertThat(HtmlReport.render(analysis(false))).doesNotContain("<section id=\"fine-tuning\">");
        assertThat(HtmlReport.render(analysis(true))).contains("<section id=\"fine-tuning\">").contains("href=\"#fine-tuning\"");
    }
}
