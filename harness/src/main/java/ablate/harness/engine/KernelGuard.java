package ablate.harness.engine;

import com.sun.jna.Library;
import com.sun.jna.Native;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Makes libtorch compute correct numbers on this machine. Some VMs (AMD Zen 5 guests whose CPUID cache leaves
 * 4 and 0x8000001D read as zeros) make the oneDNN bundled in libtorch 2.5/2.7 size its blocked convolution
 * kernels for 1-byte caches; those kernels then read memory they never wrote, so float32 convolutions and their
 * input gradients come out wrong or NaN (docs/architecture.md, "Correct kernels"). The guard checks the kernels
 * against float64 ({@link KernelProbe}) in a child process — oneDNN fixes its choice at first use — once per
 * machine and engine (the answer is cached), and where the defaults are wrong caps oneDNN at SSE4.1, which is
 * correct there, for this process (before the engine's first convolution) and every process it starts.
 */
public final class KernelGuard {
    public static final String ISA_VARIABLE = "ONEDNN_MAX_CPU_ISA";
    /** Carries the reason into trial processes, whose environment already holds the cap. */
    static final String NOTE_VARIABLE = "ABLATE_KERNEL_NOTE";
    static final String SAFE_ISA = "SSE41";
    /** Bump when the probe's shapes or tolerance change, so cached answers are re-checked. */
    static final int PROBE_VERSION = 1;
    private static final long PROBE_TIMEOUT_SECONDS = 120;

    /** What to run with: environment entries for every engine process, a provenance note, a message to show once. */
    public record Decision(Map<String, String> environment, String note, String message) {
    }

    /** Runs the probe in a child process with the given extra environment (null value = removed); its answer. */
    interface Probe {
        String run(Map<String, String> environment);
    }

    private static Decision applied;

    private KernelGuard() {
    }

    /**
     * Decides and applies the kernel settings for this process (idempotent); call before the engine's first
     * computation. The message, if any, goes to {@code out} once.
     */
    public static synchronized Decision ensure(Consumer<String> out) {
        if (applied == null) {
            Decision d = decide(System.getenv(), cacheFile(), KernelGuard::probeInChild);
            d.environment().forEach(KernelGuard::setNativeEnv);
            applied = d;
            if (d.message() != null) {
                out.accept(d.message());
            }
        }
        return applied;
    }

    /** Environment entries every process that loads the engine must start with; empty before {@link #ensure}. */
    public static synchronized Map<String, String> childEnvironment() {
        return applied == null ? Map.of() : applied.environment();
    }

    /** For provenance: how the kernels run in this process ("" before {@link #ensure} and without a note). */
    public static synchronized String note() {
        if (applied != null) {
            return applied.note();
        }
        String cap = System.getenv(ISA_VARIABLE);
        return cap == null ? "" : noteFromEnvironment(System.getenv(), cap);
    }

    static Decision decide(Map<String, String> env, Path cache, Probe probe) {
        String preset = env.get(ISA_VARIABLE);
        if (preset != null && !preset.isBlank()) {
            // a trial process (the note travels with the cap) or a user's explicit choice: respected, not re-probed
            return new Decision(Map.of(ISA_VARIABLE, preset), noteFromEnvironment(env, preset), null);
        }
        Map<String, String> answers = readCache(cache);
        if (!answers.containsKey("default")) {
            Map<String, String> unset = new LinkedHashMap<>();
            unset.put(ISA_VARIABLE, null);
            answers.put("default", probe.run(unset));
            if (!isCorrect(answers.get("default"))) {
                answers.put(SAFE_ISA, probe.run(Map.of(ISA_VARIABLE, SAFE_ISA)));
            }
            writeCache(cache, answers);
        }
        if (isCorrect(answers.get("default"))) {
            return new Decision(Map.of(), "oneDNN default kernels (checked against float64)", null);
        }
        String safe = answers.getOrDefault(SAFE_ISA, "not checked");
        boolean safeOk = isCorrect(safe);
        String note = safeOk
                ? "oneDNN capped at SSE4.1: this CPU's default kernels compute wrong convolutions"
                : "convolution kernels failed the float64 check even capped at SSE4.1: results are not trustworthy";
        String message = (safeOk ? "Note: " : "WARNING: ") + "this machine's default oneDNN convolution kernels are "
                + "wrong (" + brief(answers.get("default")) + "); " + (safeOk
                ? "running them capped at SSE4.1 (" + ISA_VARIABLE + "=" + SAFE_ISA + "), which is correct here and "
                + "slower."
                : "capped at SSE4.1 they are still wrong (" + safe + ").")
                + " See docs/architecture.md, \"Correct kernels\" (answer cached in " + cache + ").";
        Map<String, String> envOut = new LinkedHashMap<>();
        envOut.put(ISA_VARIABLE, SAFE_ISA);
        envOut.put(NOTE_VARIABLE, note);
        return new Decision(Map.copyOf(envOut), note, message);
    }

    /** The probe's answer without its examples: "wrong: 7 of 24 results". */
    private static String brief(String answer) {
        int cut = answer == null ? -1 : answer.indexOf(", e.g.");
        return cut < 0 ? String.valueOf(answer) : answer.substring(0, cut);
    }

    private static String noteFromEnvironment(Map<String, String> env, String cap) {
        String why = env.get(NOTE_VARIABLE);
        return why != null && !why.isBlank() ? why : "oneDNN capped at " + cap + " by the environment (" + ISA_VARIABLE
                + ")";
    }

    static boolean isCorrect(String answer) {
        return answer != null && answer.startsWith("correct");
    }

    /** One file per machine and engine build: CPU identity, libtorch build and probe version hashed. */
    static Path cacheFile() {
        String base = System.getenv("XDG_CACHE_HOME");
        Path dir = base != null && !base.isBlank() ? Path.of(base) : Path.of(System.getProperty("user.home"), ".cache");
        return dir.resolve("ablate").resolve("kernel-check-" + machineKey() + ".properties");
    }

    static String machineKey() {
        StringBuilder identity = new StringBuilder("probe " + PROBE_VERSION + "\n");
        try {
            // the first processor's block: vendor, family, model, stepping, flags, microcode
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.isBlank()) {
                    break;
                }
                if (!line.startsWith("cpu MHz") && !line.startsWith("bogomips") && !line.startsWith("processor")
                        && !line.startsWith("core id") && !line.startsWith("apicid") && !line.startsWith("initial apicid")) {
                    identity.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            identity.append(System.getProperty("os.arch"));
        }
        try (InputStream in = KernelGuard.class.getResourceAsStream("/native/lib/pytorch.properties")) {
            if (in != null) {
                identity.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException ignored) {
            // no bundled libtorch description: the CPU identity alone keys the answer
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(identity.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> readCache(Path cache) {
        Map<String, String> answers = new LinkedHashMap<>();
        if (cache != null && Files.isRegularFile(cache)) {
            Properties p = new Properties();
            try (var r = Files.newBufferedReader(cache)) {
                p.load(r);
                p.stringPropertyNames().forEach(k -> answers.put(k, p.getProperty(k)));
            } catch (IOException | IllegalArgumentException e) {
                answers.clear(); // unreadable: probe again
            }
        }
        return answers;
    }

    private static void writeCache(Path cache, Map<String, String> answers) {
        if (cache == null) {
            return;
        }
        try {
            Files.createDirectories(cache.getParent());
            Properties p = new Properties();
            answers.forEach(p::setProperty);
            Path tmp = cache.resolveSibling(cache.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            try (var w = Files.newBufferedWriter(tmp)) {
                p.store(w, "Ablate: float32 convolution kernels checked against float64 (KernelProbe); delete to re-check");
            }
            Files.move(tmp, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // not cached: the next process probes again, which costs time but never correctness
        }
    }

    /** Runs {@link KernelProbe} in a fresh JVM with this one's classpath; a crash or timeout counts as wrong. */
    static String probeInChild(Map<String, String> environment) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                KernelProbe.class.getName()).redirectErrorStream(true);
        environment.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        try {
            Path log = Files.createTempFile("ablate-kernel-probe", ".log");
            try {
                Process p = pb.redirectOutput(log.toFile()).start();
                if (!p.waitFor(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return "wrong: the probe process did not answer within " + PROBE_TIMEOUT_SECONDS + " s";
                }
                String last = Files.readAllLines(log).stream().filter(l -> l.startsWith("correct") || l.startsWith("wrong"))
                        .reduce((a, b) -> b).orElse(null);
                return last != null ? last : "wrong: the probe process exited with " + p.exitValue() + " and no answer";
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            return "wrong: the probe process could not run (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "wrong: interrupted";
        }
    }

    /** libc's setenv: Java cannot change its own environment, but oneDNN reads the C environment at first use. */
    private interface LibC extends Library {
        int setenv(String name, String value, int overwrite);
    }

    private static void setNativeEnv(String name, String value) {
        LibC libc = Native.load("c", LibC.class);
        if (libc.setenv(name, value, 1) != 0) {
            throw new IllegalStateException("could not set " + name + " for the engine");
        }
    }
}
