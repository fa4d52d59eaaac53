package ablate.harness;

import ablate.harness.cli.CliRun;
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

/** One process per trial: native crashes, hangs and memory hogs fail alone; peak memory is each trial's own. */
class ProcessIsolationTest {
    @TempDir
    Path dir;

    Path suite(String name, String baseline, String variants, String seeds, String timeout, int epochs)
            throws Exception {
        Path f = dir.resolve(name + ".yaml");
        Files.writeString(f, """
                name: %s
                task: toy
                dataset: {name: toy-data}
                baseline: {behaviour: %s}
                variants:
                %s
                seeds: %s
                budget: {epochs: %d}
                timeout: %s
                """.formatted(name, baseline, variants, seeds, epochs, timeout));
        return f;
    }

    @Test
    void aSegfaultAHangAndMemoryHogsFailOnlyTheirOwnTrials() throws Exception {
        Path s = suite("faults", "toy.steady", """
                  segfault: {behaviour: toy.segfault}
                  hangs: {behaviour: toy.hangs-hard}
                  heap: {behaviour: toy.heap-hog}
                  native: {behaviour: toy.native-hog}
                """, "[1]", "15s", 2);
        Path out = dir.resolve("out");
        int code = Main.execute("run", s.toString(), "--out", out.toString(), "--device", "cpu", "--quiet",
                "--jobs", "2", "--trial-memory", "768m");
        assertThat(code).isEqualTo(1);
        Map<String, TrialResult> byVariant = new ResultsStore(out).readAll().stream()
                .collect(Collectors.toMap(TrialResult::variant, Function.identity()));
        assertThat(byVariant).hasSize(5);
        assertThat(byVariant.get("baseline").status()).isEqualTo(Status.PASSED);
        assertThat(byVariant.get("baseline").cost().peakMemoryBytes()).isPositive();

        TrialResult crash = byVariant.get("segfault");
        assertThat(crash.status()).isEqualTo(Status.FAILED);
        assertThat(crash.error()).matches("the trial's process crashed \\(SIGSEGV, exit \\d+\\); see .*hs_err_pid\\d+\\.log"
                + " and .*" + crash.id() + "\\.log");
        assertThat(out.resolve("logs").resolve(crash.id() + ".log")).content().contains("SIGSEGV");

        TrialResult hang = byVariant.get("hangs");
        assertThat(hang.status()).isEqualTo(Status.TIMED_OUT);
        assertThat(hang.error()).isEqualTo("exceeded the suite's timeout of 15 s before its first epoch ended;"
                + " its process was killed");
        long pid = Long.parseLong(Files.readString(out.resolve("cache").resolve("hang-1.pid")).trim());
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("the hung trial's process").isEmpty();

        assertThat(byVariant.get("heap").status()).isEqualTo(Status.FAILED);
        assertThat(byVariant.get("heap").error()).isEqualTo("OutOfMemoryError: Java heap space");
        assertThat(byVariant.get("native").status()).isEqualTo(Status.FAILED);
        assertThat(byVariant.get("native").error()).startsWith("exceeded the memory limit of 768 MiB (resident ");
    }

    @Test
    void peakMemoryOfIdenticalTrialsDoesNotFollowRunOrder() throws Exception {
        Path s = suite("peaks", "toy.allocates", """
                  a: {behaviour: {id: toy.allocates, gain: 0.1}}
                  b: {behaviour: {id: toy.allocates, gain: 0.2}}
                """, "[1, 2]", "30s", 2);
        Path out = dir.resolve("out");
        assertThat(Main.execute("run", s.toString(), "--out", out.toString(), "--device", "cpu", "-q")).isZero();
        List<Long> peaks = new ResultsStore(out).readAll().stream()
                .sorted(java.util.Comparator.comparing(TrialResult::startedAt))
                .map(r -> r.cost().peakMemoryBytes()).toList();
        assertThat(peaks).hasSize(6).allMatch(p -> p >= 96L << 20);
        long min = peaks.stream().mapToLong(Long::longValue).min().orElseThrow();
        long max = peaks.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat((double) max / min).as("peaks in run order: %s", peaks).isLessThan(1.25);
    }

    @Test
    void retryFailedRerunsFailedDivergedAndTimedOutTrialsOnly() throws Exception {
        Path s = suite("retry", "toy.steady", """
                  throws: {behaviour: toy.throws}
                  nan: {behaviour: toy.nan}
                  hangs: {behaviour: toy.hangs}
                """, "[1]", "5s", 2);
        String out = dir.resolve("out").toString();
        assertThat(Main.execute("run", s.toString(), "--out", out, "--device", "cpu", "-q", "--jobs", "2")).isEqualTo(1);
        Map<String, String> first = startedAt(out);
        assertThat(Main.execute("run", s.toString(), "--out", out, "--device", "cpu", "-q", "--resume")).isEqualTo(1);
        assertThat(startedAt(out)).as("--resume alone re-runs nothing").isEqualTo(first);

        assertThat(Main.execute("run", s.toString(), "--out", out, "--device", "cpu", "-q", "--jobs", "2",
                "--resume", "--retry-failed")).isEqualTo(1);
        Map<String, String> second = startedAt(out);
        assertThat(second.get("baseline")).isEqualTo(first.get("baseline"));
        for (String v : List.of("throws", "nan", "hangs")) {
            assertThat(second.get(v)).as(v + " re-run").isNotEqualTo(first.get(v));
        }
        assertThat(new ResultsStore(Path.of(out)).readAll()).extracting(TrialResult::status)
                .containsExactlyInAnyOrder(Status.PASSED, Status.FAILED, Status.DIVERGED, Status.TIMED_OUT);
    }

    @Test
    void aResultsDirectoryOfAnotherSuiteSaysItsTrialsMoveToStale() throws Exception {
        Path a = suite("first", "toy.steady", "  up: {behaviour: {id: toy.steady, gain: 0.1}}\n", "[1]", "30s", 1);
        Path b = suite("second", "toy.steady", "  up: {behaviour: {id: toy.steady, gain: 0.2}}\n", "[1]", "30s", 1);
        Path out = dir.resolve("out");
        assertThat(CliRun.of("run", a.toString(), "--out", out.toString(), "--device", "cpu").out())
                .doesNotContain("stale");
        CliRun second = CliRun.of("run", b.toString(), "--out", out.toString(), "--device", "cpu");
        assertThat(second.code()).isZero();
        assertThat(second.out()).contains("held 1 trial result of another suite or an older version of this one: moved to "
                + out.resolve("stale") + " (not deleted)");
        try (var stale = Files.list(out.resolve("stale"))) {
            assertThat(stale.count()).isEqualTo(1);
        }
    }

    @Test
    void ctrlCKillsTheTrialProcessesSaysWhatFinishedAndHowToResume() throws Exception {
        Path s = suite("slow", "toy.slow", """
                  a: {behaviour: {id: toy.slow, gain: 0.1}}
                  b: {behaviour: {id: toy.slow, gain: 0.2}}
                """, "[1, 2]", "60s", 3);
        Path out = dir.resolve("out");
        Path log = dir.resolve("log.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // env --default-signal=INT: a build started in the background by a non-interactive shell (nohup, some CI
        // runners) hands SIGINT down as ignored, and a JVM that starts with SIGINT ignored keeps ignoring it, so
        // without the reset Ctrl-C would never reach the run and every trial would finish
        Process p = new ProcessBuilder("env", "--default-signal=INT", java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", s.toString(), "--out", out.toString(), "--device", "cpu", "--quiet")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (new ResultsStore(out).readAll().isEmpty() && System.nanoTime() < deadline && p.isAlive()) {
            Thread.sleep(50);
        }
        List<ProcessHandle> children = List.of();
        while (children.isEmpty() && System.nanoTime() < deadline && p.isAlive()) {
            children = p.descendants().toList();
        }
        assertThat(children).as("a trial process in flight").isNotEmpty();
        // as Ctrl-C in a terminal: the whole process group gets SIGINT, the trial processes too
        for (ProcessHandle child : children) {
            new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor();
        }
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        for (ProcessHandle child : children) {
            assertThat(child.isAlive()).as("trial process " + child.pid()).isFalse();
        }
        String printed = Files.readString(log);
        int done = new ResultsStore(out).readAll().size();
        assertThat(done).isBetween(1, 5);
        assertThat(new ResultsStore(out).readAll()).as("stopped trials are not recorded as failed")
                .allMatch(r -> r.status() == Status.PASSED);
        assertThat(printed).contains("Interrupted: " + done + " of 6 trials have results in " + out.resolve("trials"),
                "stopped, not recorded: ", "Resume with:");
        String resume = printed.lines().dropWhile(l -> !l.startsWith("Resume with:")).skip(1).findFirst()
                .orElseThrow().trim();
        assertThat(resume).isEqualTo("ablate run " + s + " --out " + out + " --device cpu --quiet --resume");

        String[] args = resume.substring("ablate ".length()).split(" ");
        assertThat(Main.execute(args)).isZero();
        assertThat(new ResultsStore(out).readAll()).hasSize(6);
    }

    private static Map<String, String> startedAt(String out) {
        return new ResultsStore(Path.of(out)).readAll().stream()
                .collect(Collectors.toMap(TrialResult::variant, TrialResult::startedAt));
    }
}
