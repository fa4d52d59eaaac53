package ablate.harness.run;

import ablate.harness.UserError;
import ablate.harness.plan.Trial;
import ablate.harness.spi.Task;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardsTest {
    /** A plan as the Planner orders it: variants outer, seeds inner; each variant picks a post-processor. */
    static List<Trial> plan(int variants, int seeds) {
        List<Trial> trials = new ArrayList<>();
        for (int v = 0; v < variants; v++) {
            for (int s = 1; s <= seeds; s++) {
                Map<String, Object> slots = new TreeMap<>();
                slots.put("detector", Map.of("id", "detector.fcos-mini"));
                slots.put("postprocess", Map.of("id", "post.v" + v));
                Map<String, Object> config =
                        new TreeMap<>(Map.of("task", "detection", "seed", (long) s, "slots", slots));
                trials.add(new Trial("v" + v + "s" + s, "v" + v, s, Map.of(), config));
            }
        }
        return trials;
    }

    static List<String> ids(List<Trial> trials) {
        return trials.stream().map(Trial::id).toList();
    }

    static final Function<Trial, ?> ONE_DETECTOR_PER_SEED = t -> Task.withoutSlots(t.config(), "postprocess");

    @Test
    void withoutSharedWorkShardsAreRoundRobin() {
        List<Trial> plan = plan(5, 2); // v0s1 v0s2 v1s1 v1s2 v2s1 v2s2 v3s1 v3s2 v4s1 v4s2
        assertThat(ids(Shards.select(plan, "1/3"))).containsExactly("v0s1", "v1s2", "v3s1", "v4s2");
        assertThat(ids(Shards.select(plan, "2/3"))).containsExactly("v0s2", "v2s1", "v3s2");
        assertThat(ids(Shards.select(plan, "3/3"))).containsExactly("v1s1", "v2s2", "v4s1");
        assertThat(Shards.select(plan, null)).isSameAs(plan);
        assertThat(Shards.select(plan, "1/1")).containsExactlyElementsOf(plan);
    }

    @Test
    void trialsThatShareADetectorGoToOneShard() {
        // 4 post-processors x 3 seeds: one detector per seed, so three groups of 4. Dealt to the emptiest shard:
        // seed 1 -> shard 1, seed 2 -> shard 2, seed 3 -> shard 1 (both hold 4; the lower index wins).
        List<Trial> plan = plan(4, 3);
        assertThat(ids(Shards.select(plan, "1/2", ONE_DETECTOR_PER_SEED))).containsExactly(
                "v0s1", "v0s3", "v1s1", "v1s3", "v2s1", "v2s3", "v3s1", "v3s3");
        assertThat(ids(Shards.select(plan, "2/2", ONE_DETECTOR_PER_SEED)))
                .containsExactly("v0s2", "v1s2", "v2s2", "v3s2");
        // more shards than detectors: the fourth shard is empty rather than training a seed's detector twice
        assertThat(Shards.select(plan, "4/4", ONE_DETECTOR_PER_SEED)).isEmpty();
        for (int i = 1; i <= 3; i++) {
            assertThat(Shards.select(plan, i + "/4", ONE_DETECTOR_PER_SEED)).extracting(Trial::seed)
                    .containsOnly((long) i).hasSize(4);
        }
    }

    @Test
    void everyTrialIsInExactlyOneShardAndShardsAreBalanced() {
        Random random = new Random(15);
        for (int round = 0; round < 200; round++) {
            List<Trial> plan = plan(1 + random.nextInt(9), 1 + random.nextInt(6));
            int n = 1 + random.nextInt(8);
            boolean grouped = random.nextBoolean();
            Function<Trial, ?> key = grouped ? ONE_DETECTOR_PER_SEED : Trial::id;
            int largestGroup = grouped ? plan.size() / (int) plan.stream().map(Trial::seed).distinct().count() : 1;
            List<String> all = new ArrayList<>();
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (int i = 1; i <= n; i++) {
                List<Trial> shard = Shards.select(plan, i + "/" + n, key);
                if (!shard.isEmpty()) {
                    assertThat(plan).as("plan order kept").containsSubsequence(shard);
                }
                all.addAll(ids(shard));
                min = Math.min(min, shard.size());
                max = Math.max(max, shard.size());
                if (grouped) {
                    Set<Long> seeds = new HashSet<>(shard.stream().map(Trial::seed).toList());
                    for (int j = 1; j <= n; j++) {
                        if (j != i && !seeds.isEmpty()) {
                            assertThat(Shards.select(plan, j + "/" + n, key)).extracting(Trial::seed)
                                    .as("a seed's detector in one shard only").doesNotContainAnyElementsOf(seeds);
                        }
                    }
                }
            }
            assertThat(all).as("each trial once").containsExactlyInAnyOrderElementsOf(ids(plan));
            assertThat(max - min).as("balanced within the largest group").isLessThanOrEqualTo(largestGroup);
        }
    }

    @Test
    void theSliceDependsOnThePlanAloneSoAResumedShardSelectsTheSameTrials() {
        List<Trial> plan = plan(6, 3);
        List<Trial> copy = plan(6, 3); // the plan read again by a requeued job: equal values, new objects
        for (int i = 1; i <= 4; i++) {
            assertThat(ids(Shards.select(copy, i + "/4", ONE_DETECTOR_PER_SEED)))
                    .isEqualTo(ids(Shards.select(plan, i + "/4", ONE_DETECTOR_PER_SEED)));
        }
    }

    @Test
    void badShardsAreOneClearError() {
        List<Trial> plan = plan(2, 2);
        for (String bad : List.of("2", "a/b", "1/2/3", "/4", "2/")) {
            assertThatThrownBy(() -> Shards.select(plan, bad)).isInstanceOf(UserError.class)
                    .hasMessage("--shard must look like i/n (e.g. 2/4), got '" + bad + "'");
        }
        for (String bad : List.of("0/3", "4/3", "1/0", "-1/2")) {
            assertThatThrownBy(() -> Shards.select(plan, bad)).isInstanceOf(UserError.class)
                    .hasMessage("--shard i/n needs 1 <= i <= n, got '" + bad + "'");
        }
    }
}
