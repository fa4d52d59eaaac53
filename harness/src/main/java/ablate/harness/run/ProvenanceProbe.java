package ablate.harness.run;

import ablate.harness.cli.VersionProvider;
import ablate.harness.engine.KernelGuard;
import ablate.results.Provenance;
import ai.djl.Device;
import ai.djl.engine.Engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Collects where and with what a run happens. */
public final class ProvenanceProbe {
    private ProvenanceProbe() {
    }

    private static Provenance machine;

    /** The run's environment (probed once per process: git and /proc are not free) with this trial's data source. */
    public static synchronized Provenance collect(Device device, String dataSource) {
        if (machine == null) {
            Engine engine = Engine.getInstance();
            machine = new Provenance(VersionProvider.ablateVersion(), gitCommit(), System.getProperty("java.vendor")
                    + " " + System.getProperty("java.version"), engine.getEngineName(), engine.getVersion(),
                    Integer.getInteger("ai.djl.pytorch.num_threads", 0), Engine.getDjlVersion(), null, cpuModel(),
                    System.getProperty("os.name") + " " + System.getProperty("os.arch"), null);
        }
        Provenance m = machine;
        return new Provenance(m.ablateVersion(), m.gitCommit(), m.javaVersion(), m.engine(), m.engineVersion(),
                m.engineThreads(), m.djlVersion(), device.toString(), m.cpuModel(), m.os(), dataSource, KernelGuard.note());
    }

    static String gitCommit() {
        String env = System.getenv("ABLATE_COMMIT");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                Process dirty = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no").start();
                boolean modified = !new String(dirty.getInputStream().readAllBytes()).isBlank();
                dirty.waitFor(5, TimeUnit.SECONDS);
                return out + (modified ? "+modified" : "");
            }
        } catch (IOException e) {
            // no git
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "unknown";
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim() + " (" + Runtime.getRuntime().availableProcessors()
                            + " cores available)";
                }
            }
        } catch (IOException ignored) {
            // not Linux
        }
        return System.getProperty("os.arch") + " (" + Runtime.getRuntime().availableProcessors() + " cores available)";
    }
}
