package ablate.plugins.classification.losses;

import ablate.harness.cli.CliRun;
import ablate.harness.discovery.PluginRegistry;
import ablate.harness.plan.Plan;
import ablate.harness.plan.Planner;
import ablate.harness.plan.Trial;
import ablate.harness.suite.SuiteLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The loss slot as users meet it: listed, invisible in existing suites' trial ids, bad settings refused at load. */
class LossSlotTest {
    static final String SUITE = """
            name: lt
            task: classification
            dataset: {name: fashion-mnist, source: embedded, train: 1000, test: 100, imbalance: 10}
            model: {id: model.mlp, hidden: '16'}
            variants:
              cb: {loss: {id: loss.class-balanced, beta: 0.99}}
            seeds: [1]
            budget: {epochs: 1, batch: 32}
            """;

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    private static Plan plan(Path suite) {
        PluginRegistry registry = PluginRegistry.discover();
        return new Planner(registry).plan(new SuiteLoader(registry).load(suite));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> slots(Trial t) {
        return (Map<String, Object>) t.config().get("slots");
    }

    @Test
    void listShowsTheSlotAndItsSixPlugins() {
        String out = CliRun.of("list").out();
        assertThat(out).containsPattern("classification .*\\(slots: model, attention, loss\\)");
        assertThat(out).contains("loss.cross-entropy", "loss.focal", "loss.label-smoothing", "loss.class-balanced",
                "loss.logit-adjustment", "loss.balanced-softmax");
    }

    /**
     * The quick suite's trials keep the ids they had before the slot existed: afac2497903b83e8 is the baseline's
     * seed-1 id that the code before the loss slot wrote (results of `./ablate run suites/quick.yaml`).
     */
    @Test
    void theDefaultLossLeavesExistingTrialIdsAsTheyWere() throws Exception {
        Plan quick = plan(Path.of("..", "suites", "quick.yaml"));
        Trial baseline1 = quick.trials().stream().filter(t -> t.variant().equals("baseline") && t.seed() == 1)
                .findFirst().orElseThrow();
        assertThat(baseline1.id()).isEqualTo("afac2497903b83e8");
        assertThat(slots(baseline1)).containsOnlyKeys("model", "attention");
        assertThat(baseline1.slots().get("loss").plugin()).isInstanceOf(CrossEntropy.class);

        // a loss that is not the default is part of the configuration, so of the id
        Plan lt = plan(write(SUITE));
        assertThat(slots(lt.trials().get(1))).containsKey("loss");
        assertThat(slots(lt.trials().get(0))).doesNotContainKey("loss");
    }

    @Test
    void badSettingsAreOneLineAtLoad() throws Exception {
        CliRun.of("run", write(SUITE.replace("beta: 0.99", "beta: 1")).toString(), "--quiet")
                .assertOneLineError("s.yaml:6: variants.cb.loss.beta: parameter 'beta' must be below 1");
        CliRun.of("run", write(SUITE.replace("imbalance: 10", "imbalance: 1")).toString(), "--quiet",
                        "--out", dir.resolve("o1").toString())
                .assertOneLineError("dataset.imbalance must be a finite number above 1");
        CliRun.of("run", write(SUITE.replace("train: 1000", "train: 0").replace("imbalance: 10", "imbalance: 1000"))
                        .toString(), "--quiet", "--out", dir.resolve("o2").toString())
                .assertOneLineError("dataset.imbalance 1000 leaves class 9 (Ankle boot) with no training image");
        CliRun.of("run", write(SUITE.replace("beta: 0.99", "gamma: -1")).toString(), "--quiet")
                .assertOneLineError("variants.cb.loss.gamma: parameter 'gamma' = -1.0 is outside [0.0, 10.0]");
        assertThat(dir.resolve("o1")).doesNotExist();
    }
}
