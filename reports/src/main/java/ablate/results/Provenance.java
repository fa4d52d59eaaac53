package ablate.results;

/**
 * Where and with what a trial ran. {@code kernels}: how the engine's CPU kernels ran, when the harness had to
 * correct them (e.g. oneDNN capped at SSE4.1 on a CPU whose default kernels are wrong), or that they were checked. {@code engineThreads}: the engine's intra-op threads per trial (0 if unknown) —
 * on the CPU the thread count changes the order of floating-point reductions, so results compare bit for bit only
 * at the same count.
 */
public record Provenance(String ablateVersion, String gitCommit, String javaVersion, String engine,
                         String engineVersion, int engineThreads, String djlVersion, String device, String cpuModel,
                         String os, String dataSource, String kernels) {
    /** Without a kernels note (results written before the kernel guard). */
    public Provenance(String ablateVersion, String gitCommit, String javaVersion, String engine, String engineVersion,
                      int engineThreads, String djlVersion, String device, String cpuModel, String os,
                      String dataSource) {
        this(ablateVersion, gitCommit, javaVersion, engine, engineVersion, engineThreads, djlVersion, device, cpuModel,
                os, dataSource, null);
    }

    /** "PyTorch 2.5.1, 2 threads per trial; oneDNN capped at SSE4.1: …", as far as known. */
    public String engineDescription() {
        String name = ((engine == null ? "" : engine) + " " + (engineVersion == null ? "" : engineVersion)).trim();
        String threads = engineThreads > 0 ? name + ", " + engineThreads + (engineThreads == 1 ? " thread" : " threads")
                + " per trial" : name;
        return kernels == null || kernels.isBlank() ? threads : threads + "; " + kernels;
    }
}
