package ablate.harness;

import ablate.harness.cli.Main;
import ablate.results.ResultsStore;
import ablate.results.TrialResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ablate run --shard}: shards split a suite without overlap, and a rerun shard resumes its own trials. */
class ShardResumeTest {
    @TempDir
    Path dir;

    int run(Path suite, Path out, String shard, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("run", suite.toString(), "--out", out.toString(),
                "--device", "cpu", "-q", "--in-process", "--no-report", "--shard", shard));
        args.addAll(List.of(more));
        return Main.execute(args.toArray(String[]::new));
    }

    static Map<String, TrialResult> results(Path out) {
        return new ResultsStore(out).readAll().stream().collect(Collectors.toMap(TrialResult::id, Function.identity()));
    }

    @Test
    void twoShardsSplitTheSuiteAndARerunShardRunsOnlyWhatItLost() throws Exception {
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, """
                name: shards
                task: toy
                dataset: {name: toy-data}
                variants:
                  a: {behaviour: {id: toy.steady, gain: 0.1}}
                  b: {behaviour: {id: toy.steady, gain: 0.2}}
                seeds: [1, 2]
                budget: {epochs: 1}
                timeout: 30s
                """);
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        assertThat(run(suite, one, "1/2")).isZero();
        assertThat(run(suite, two, "2/2")).isZero();
        Map<String, TrialResult> first = results(one);
        // 3 variants x 2 seeds, dealt round robin (the toy task shares nothing): 3 trials each, none in both
        assertThat(first).hasSize(3);
        assertThat(results(two)).hasSize(3);
        Set<String> all = new HashSet<>(first.keySet());
        all.addAll(results(two).keySet());
        assertThat(all).hasSize(6);

        // shard 1 loses one result (a killed job): rerun with --resume, it runs that trial alone and no other shard's
        String lost = first.keySet().iterator().next();
        Files.delete(new ResultsStore(one).trialsDir().resolve(lost + ".json"));
        assertThat(run(suite, one, "1/2", "--resume")).isZero();
        Map<String, TrialResult> again = results(one);
        assertThat(again.keySet()).isEqualTo(first.keySet());
        first.forEach((id, r) -> {
            if (!id.equals(lost)) {
                assertThat(again.get(id).startedAt()).as("kept, not rerun").isEqualTo(r.startedAt());
            }
        });
        assertThat(again.get(lost).metrics()).as("same seed, same numbers").isEqualTo(first.get(lost).metrics());
    }
}
