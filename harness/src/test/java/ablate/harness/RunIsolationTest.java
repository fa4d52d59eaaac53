package ablate.harness;

import ablate.harness.cli.Main;
import ablate.results.ResultsStore;
import ablate.results.Status;
import ablate.results.TrialResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Fault injection, resume after a killed JVM, and determinism, on the test-only toy task. */
class RunIsolationTest {
    @TempDir
    Path dir;

    Path suite(String variants, String timeout, int epochs) throws Exception {
        Path f = dir.resolve("suite.yaml");
        Files.writeString(f, """
                name: faults
                task: toy
                dataset: {name: toy-data}
                variants:
                %s
                seeds: [1, 2]
                budget: {epochs: %d}
                timeout: %s
                """.formatted(variants, epochs, timeout));
        return f;
    }

    @Test
    void aThrowingADivergingAndAHangingPluginFailOnlyTheirOwnTrials() throws Exception {
        Path s = suite("""
                  throws: {behaviour: toy.throws}
                  nan: {behaviour: toy.nan}
                  hangs: {behaviour: toy.hangs}
                """, "3s", 3); // 3 s: in its own process a trial's first code runs in a cold JVM, on shared cores
        Path out = dir.resolve("out");
        int code = Main.execute("run", s.toString(), "--out", out.toString(), "--device", "cpu", "--quiet", "--jobs", "2");
        assertThat(code).isEqualTo(1);
        Map<String, List<TrialResult>> byVariant = new ResultsStore(out).readAll().stream()
                .collect(Collectors.groupingBy(TrialResult::variant));
        assertThat(byVariant.get("baseline")).hasSize(2).allMatch(r -> r.status() == Status.PASSED);
        assertThat(byVariant.get("throws")).hasSize(2).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(Status.FAILED);
            assertThat(r.error()).isEqualTo("IllegalStateException: boom from toy.throws");
        });
        assertThat(byVariant.get("nan")).hasSize(2).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(Status.DIVERGED);
            assertThat(r.error()).isEqualTo("loss became NaN at epoch 2");
            assertThat(r.curves().get("trainLoss")).hasSize(2);
        });
        assertThat(byVariant.get("hangs")).hasSize(2).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(Status.TIMED_OUT);
            assertThat(r.error()).startsWith("exceeded the suite's timeout of 3 s before its first epoch ended");
        });
        String html = Files.readString(out.resolve("index.html"));
        assertThat(html).contains("boom from toy.throws", "loss became NaN at epoch 2",
                "exceeded the suite&#39;s timeout of 3 s");
        assertThat(Files.readString(out.resolve("summary.json"))).contains("boom from toy.throws");
    }

    @Test
    void resumeAfterAKilledJvmRerunsNothingAndLosesNothing() throws Exception {
        Path s = suite("""
                  a: {behaviour: {id: toy.slow, gain: 0.1}}
                  b: {behaviour: {id: toy.slow, gain: 0.2}}
                """, "30s", 2);
        String steady = Files.readString(s).replace("task: toy\n", "task: toy\nbaseline: {behaviour: toy.slow}\n");
        Files.writeString(s, steady);
        Path out = dir.resolve("out");
        Path trials = out.resolve("trials");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", s.toString(), "--out", out.toString(), "--device", "cpu", "--quiet")
                .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (count(trials) < 2 && System.nanoTime() < deadline && p.isAlive()) {
            Thread.sleep(20);
        }
        p.destroyForcibly().waitFor();
        Map<String, String> before = new ResultsStore(out).readAll().stream()
                .collect(Collectors.toMap(TrialResult::id, TrialResult::startedAt));
        assertThat(before.size()).as("killed mid-run").isBetween(2, 5);
        assertThat(Files.list(trials).map(Path::toString)).allMatch(n -> n.endsWith(".json"));

        int code = Main.execute("run", s.toString(), "--out", out.toString(), "--device", "cpu", "--quiet", "--resume");
        assertThat(code).isZero();
        Map<String, TrialResult> after = new ResultsStore(out).readAll().stream()
                .collect(Collectors.toMap(TrialResult::id, Function.identity()));
        assertThat(after).hasSize(6);
        before.forEach((id, started) -> assertThat(after.get(id).startedAt()).as("not re-run").isEqualTo(started));
    }

    @Test
    void sameSeedGivesIdenticalResults() throws Exception {
        Path s = suite("  up: {behaviour: {id: toy.steady, gain: 0.3}}\n", "10s", 2);
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        // a trial in its own process computes what the same trial computes in-process
        assertThat(Main.execute("run", s.toString(), "--out", a.toString(), "--device", "cpu", "-q")).isZero();
        assertThat(Main.execute("run", s.toString(), "--out", b.toString(), "--device", "cpu", "-q", "--in-process"))
                .isZero();
        assertThat(new ResultsStore(a).readAll()).extracting(TrialResult::metrics)
                .isEqualTo(new ResultsStore(b).readAll().stream().map(TrialResult::metrics).toList());
    }

    private static long count(Path trials) throws Exception {
        if (!Files.isDirectory(trials)) {
            return 0;
        }
        try (var files = Files.list(trials)) {
            return files.filter(f -> f.toString().endsWith(".json")).count();
        }
    }

}
