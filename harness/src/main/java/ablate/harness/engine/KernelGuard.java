package ablate.harness.engine;

import java.util.Map;

/**
 * Decides how libtorch must run on this machine to compute correct numbers (see docs/architecture.md,
 * "Correct kernels"). Work in progress: the decision is filled in by the trustworthy-trials issue.
 */
public final class KernelGuard {
    private KernelGuard() {
    }

    /**
     * Environment entries every process that loads the engine must start with (e.g. a oneDNN ISA cap where this
     * machine's fast kernels compute wrong results); empty where the defaults are correct.
     */
    public static Map<String, String> childEnvironment() {
        return Map.of();
    }
}
