package ablate.harness.cli;

/** Engine thread settings, applied before DJL's engine first loads. */
public final class EngineSettings {
    private EngineSettings() {
    }

    /**
     * Intra-op threads: {@code threads} if given, else the available cores shared among {@code jobs};
     * inter-op threads: 1 (the models are sequential).
     */
    public static void apply(Integer threads, int jobs) {
        int cores = Runtime.getRuntime().availableProcessors();
        int intra = threads != null ? threads : Math.max(1, cores / jobs);
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(intra));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
}
