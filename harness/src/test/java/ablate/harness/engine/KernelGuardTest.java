package ablate.harness.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The kernel guard: the kernels this JVM runs are correct (fails on an affected machine without the guard), the
 * capped kernels are correct on any machine, and the decision (probe, cache, environment) by injection.
 */
class KernelGuardTest {
    @TempDir
    Path dir;

    /** Records the probes it was asked for and answers from a table (key: the ISA cap, "default" when unset). */
    static final class FakeProbe implements KernelGuard.Probe {
        final Map<String, String> answers;
        final List<String> asked = new ArrayList<>();

        FakeProbe(Map<String, String> answers) {
            this.answers = answers;
        }

        @Override
        public String run(Map<String, String> environment) {
            String cap = environment.get(KernelGuard.ISA_VARIABLE);
            String key = cap == null ? "default" : cap;
            asked.add(key);
            return answers.get(key);
        }
    }

    @Test
    void theConvolutionKernelsThisJvmRunsAgreeWithFloat64() {
        // KernelGuardSession applied the guard before any test; without it this fails on an affected machine
        assertThat(KernelProbe.check()).isEmpty();
    }

    @Test
    void theCappedKernelsAreCorrectOnThisMachine() {
        assertThat(KernelGuard.probeInChild(Map.of(KernelGuard.ISA_VARIABLE, KernelGuard.SAFE_ISA))).startsWith("correct");
    }

    @Test
    void aMachineWithoutCacheInformationIsDetectedAsWrongByTheProbe() throws Exception {
        // The fault's signature: AMD with TOPOEXT whose cache leaves read as zeros, so Linux, which reads the same
        // leaves, lists no caches. Where that holds, the probe must see the wrong kernels.
        String cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
        assumeTrue(cpuinfo.contains("AuthenticAMD") && cpuinfo.contains(" topoext")
                && !Files.exists(Path.of("/sys/devices/system/cpu/cpu0/cache/index0")), "not an affected machine");
        Map<String, String> unset = new HashMap<>();
        unset.put(KernelGuard.ISA_VARIABLE, null);
        assertThat(KernelGuard.probeInChild(unset)).startsWith("wrong");
    }

    @Test
    void wrongDefaultKernelsAreCappedOnceAndTheAnswerIsCached() {
        Path cache = dir.resolve("kc.properties");
        FakeProbe probe = new FakeProbe(Map.of("default", "wrong: 7 of 24", "SSE41", "correct"));
        KernelGuard.Decision d = KernelGuard.decide(Map.of(), cache, probe);
        assertThat(probe.asked).containsExactly("default", "SSE41");
        assertThat(d.environment()).containsEntry("ONEDNN_MAX_CPU_ISA", "SSE41");
        assertThat(d.note()).contains("capped at SSE4.1");
        assertThat(d.message()).startsWith("Note: ").contains("wrong: 7 of 24").contains("docs/architecture.md");
        assertThat(cache).exists();

        FakeProbe again = new FakeProbe(Map.of());
        KernelGuard.Decision cached = KernelGuard.decide(Map.of(), cache, again);
        assertThat(again.asked).isEmpty();
        assertThat(cached).isEqualTo(d);
    }

    @Test
    void correctDefaultKernelsKeepTheFastPath() {
        FakeProbe probe = new FakeProbe(Map.of("default", "correct"));
        KernelGuard.Decision d = KernelGuard.decide(Map.of(), dir.resolve("kc.properties"), probe);
        assertThat(probe.asked).containsExactly("default");
        assertThat(d.environment()).isEmpty();
        assertThat(d.message()).isNull();
        assertThat(d.note()).contains("default kernels");
    }

    @Test
    void anIsaCapInTheEnvironmentIsRespectedWithoutProbing() {
        FakeProbe probe = new FakeProbe(Map.of());
        KernelGuard.Decision user = KernelGuard.decide(Map.of("ONEDNN_MAX_CPU_ISA", "AVX2"), dir.resolve("kc"), probe);
        assertThat(probe.asked).isEmpty();
        assertThat(user.environment()).containsEntry("ONEDNN_MAX_CPU_ISA", "AVX2");
        assertThat(user.note()).isEqualTo("oneDNN capped at AVX2 by the environment (ONEDNN_MAX_CPU_ISA)");
        // a trial process gets the cap and the reason from its parent
        KernelGuard.Decision child = KernelGuard.decide(Map.of("ONEDNN_MAX_CPU_ISA", "SSE41",
                "ABLATE_KERNEL_NOTE", "oneDNN capped at SSE4.1: wrong"), dir.resolve("kc"), probe);
        assertThat(child.note()).isEqualTo("oneDNN capped at SSE4.1: wrong");
        assertThat(child.message()).isNull();
    }

    @Test
    void kernelsWrongEvenCappedGiveAWarningAndACrashedProbeCountsAsWrong() {
        FakeProbe probe = new FakeProbe(Map.of("default", "wrong: the probe process exited with 134 and no answer",
                "SSE41", "wrong: 1 of 24"));
        KernelGuard.Decision d = KernelGuard.decide(Map.of(), dir.resolve("kc.properties"), probe);
        assertThat(d.message()).startsWith("WARNING: ").contains("still wrong (wrong: 1 of 24)");
        assertThat(d.note()).contains("not trustworthy");
        assertThat(d.environment()).containsEntry("ONEDNN_MAX_CPU_ISA", "SSE41");
    }

    @Test
    void anUnreadableCacheIsProbedAgain() throws Exception {
        Path cache = dir.resolve("kc.properties");
        Files.writeString(cache, "default=\\u00zz broken");
        FakeProbe probe = new FakeProbe(Map.of("default", "correct"));
        KernelGuard.decide(Map.of(), cache, probe);
        assertThat(probe.asked).containsExactly("default");
    }

    @Test
    void theCacheIsKeyedByMachineAndEngineBuild() {
        assertThat(KernelGuard.machineKey()).matches("[0-9a-f]{16}").isEqualTo(KernelGuard.machineKey());
        assertThat(KernelGuard.cacheFile().getFileName().toString()).startsWith("kernel-check-");
    }
}
