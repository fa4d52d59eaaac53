package ablate.harness.cli;

import ablate.harness.engine.KernelGuard;

import java.io.PrintStream;

/** Engine settings, applied before DJL's engine first loads. */
public final class EngineSettings {
    private EngineSettings() {
    }

    /**
     * Intra-op threads: {@code threads} if given, else the available cores shared among {@code jobs};
     * inter-op threads: 1 (the models are sequential). Then the kernel guard: the engine must compute correct
     * convolutions on this machine ({@link KernelGuard}); its one-time note goes to {@code notes}.
     */
    public static void apply(Integer threads, int jobs, PrintStream notes) {
        int cores = Runtime.getRuntime().availableProcessors();
        int intra = threads != null ? threads : Math.max(1, cores / jobs);
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(intra));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        KernelGuard.ensure(notes::println);
    }
}
