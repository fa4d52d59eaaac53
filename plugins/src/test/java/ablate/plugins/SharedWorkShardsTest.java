package ablate.plugins;

import ablate.harness.discovery.PluginRegistry;
import ablate.harness.plan.Plan;
import ablate.harness.plan.Planner;
import ablate.harness.plan.Trial;
import ablate.harness.run.Shards;
import ablate.harness.spi.Task;
import ablate.harness.suite.Suite;
import ablate.harness.suite.SuiteLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped suites sharded as {@code ablate run --shard} shards them: shared work stays in one shard. */
class SharedWorkShardsTest {
    static final PluginRegistry REGISTRY = PluginRegistry.discover();

    static List<Trial> shard(Plan plan, Task task, int i, int n) {
        return Shards.select(plan.trials(), i + "/" + n, task); // as SuiteRunner selects
    }

    static Plan plan(String suite) {
        Suite s = new SuiteLoader(REGISTRY).load(Path.of("..", "suites", suite));
        return new Planner(REGISTRY).plan(s);
    }

    @Test
    void nmsVariantsOfOneSeedShareItsDetectorSoEachSeedIsOneShard() {
        Plan plan = plan("nms.yaml"); // 6 post-processors x seeds 1, 2, 3: one detector per seed
        Task task = REGISTRY.task("detection");
        for (int i = 1; i <= 3; i++) {
            assertThat(shard(plan, task, i, 3)).hasSize(6).extracting(Trial::seed).containsOnly((long) i);
        }
    }

    @Test
    void detectionVariantsWithTheirOwnLossesTrainTheirOwnDetectorsSoTheyAreDealtOneByOne() {
        Plan plan = plan("detection-losses.yaml"); // each variant changes a loss: no two trials share a detector
        Task task = REGISTRY.task("detection");
        for (int i = 1; i <= 4; i++) {
            assertThat(shard(plan, task, i, 4)).isEqualTo(Shards.select(plan.trials(), i + "/4"));
        }
    }

    @Test
    void modelSelectionCriteriaOfOneSeedShareItsFits() {
        Plan plan = plan("model-selection.yaml"); // 3 criteria x seeds 1..5; seeds dealt 1->1, 2->2, 3->1, 4->2, 5->1
        Task task = REGISTRY.task("model-selection");
        assertThat(shard(plan, task, 1, 2)).hasSize(9).extracting(Trial::seed).containsOnly(1L, 3L, 5L);
        assertThat(shard(plan, task, 2, 2)).hasSize(6).extracting(Trial::seed).containsOnly(2L, 4L);
    }

    @Test
    void classificationSharesNothingSoItsShardsAreRoundRobin() {
        Plan plan = plan("quick.yaml");
        Task task = REGISTRY.task("classification");
        assertThat(shard(plan, task, 2, 3)).isEqualTo(Shards.select(plan.trials(), "2/3")).hasSize(5);
    }
}
