package ablate.harness.run;

import ablate.harness.engine.KernelGuard;
import ablate.harness.plan.Trial;
import ai.djl.Device;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How trial processes are started: this JVM's java binary and classpath (under surefire a manifest-only jar,
 * which {@code -cp} reads too, so test-only plugins are visible), this JVM's system properties and options
 * (the engine's thread counts among them), a heap sized from the per-trial memory limit, and the environment
 * with {@link KernelGuard#childEnvironment()} added.
 */
final class ProcessLauncher {
    private final List<String> command;
    private final Path logsDir;
    private final long memoryLimitBytes;
    private final long startupMillis;

    ProcessLauncher(Path suiteFile, Path results, Device device, Path dataDir, long memoryLimitBytes,
                    long startupMillis) {
        this.logsDir = results.resolve("logs").toAbsolutePath();
        this.memoryLimitBytes = memoryLimitBytes;
        this.startupMillis = startupMillis;
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary());
        cmd.addAll(inheritedOptions());
        // Half the resident limit for the heap leaves the other half to libtorch's native memory and the JVM.
        cmd.add("-Xmx" + Math.max(64, memoryLimitBytes / 2 >> 20) + "m");
        cmd.add("-XX:ErrorFile=" + logsDir.resolve("hs_err_pid%p.log"));
        cmd.add("-XX:-CreateCoredumpOnCrash");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(WorkerMain.class.getName());
        cmd.add(suiteFile.toAbsolutePath().toString());
        cmd.add(results.toAbsolutePath().toString());
        cmd.add(device.getDeviceType());
        cmd.add(Integer.toString(device.getDeviceId()));
        if (dataDir != null) {
            cmd.add(dataDir.toAbsolutePath().toString());
        }
        this.command = List.copyOf(cmd);
    }

    Process start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(KernelGuard.childEnvironment());
        return pb.start();
    }

    Path logFile(Trial trial) {
        return logsDir.resolve(trial.id() + ".log");
    }

    Path crashReport(long pid) {
        return logsDir.resolve("hs_err_pid" + pid + ".log");
    }

    long memoryLimitBytes() {
        return memoryLimitBytes;
    }

    long startupMillis() {
        return startupMillis;
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * System properties set on the command line or since (e.g. the engine's thread counts) and the JVM options
     * that change behaviour; not this JVM's heap size, agents or crash settings, which are the child's own.
     */
    private static List<String> inheritedOptions() {
        List<String> options = new ArrayList<>();
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if ((arg.startsWith("-XX:") && !arg.contains("ErrorFile") && !arg.contains("Coredump")
                    && !arg.contains("HeapDump") && !arg.contains("MaxRAM"))
                    || arg.startsWith("--add-opens") || arg.startsWith("--add-exports") || arg.equals("-ea")) {
                options.add(arg);
            }
        }
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("ai.djl.") || name.startsWith("ablate.") || name.startsWith("org.slf4j.")) {
                options.add("-D" + name + "=" + System.getProperty(name));
            }
        }
        return options;
    }
}
