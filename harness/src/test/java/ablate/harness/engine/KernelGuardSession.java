package ablate.harness.engine;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Applies the kernel guard in every test JVM of the modules that load the engine (harness and, through the
 * harness test-jar, plugins) before any test runs, as the CLI does before a run: on a machine whose default
 * oneDNN kernels are wrong, tests then train with the corrected ones, as users do.
 */
public final class KernelGuardSession implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        KernelGuard.ensure(System.err::println);
    }
}
