package ablate.results;

/**
 * Where and with what a trial ran. {@code engineThreads}: the engine's intra-op threads per trial (0 if unknown) —
 * on the CPU the thread count changes the order of floating-point reductions, so results compare bit for bit only
 * at the same count.
 */
public record Provenance(String ablateVersion, String gitCommit, String javaVersion, String engine,
                         String engineVersion, int engineThreads, String djlVersion, String device, String cpuModel,
                         String os, String dataSource) {
    /** "PyTorch 2.5.1, 2 threads per trial", as far as known. */
    public String engineDescription() {
        String name = ((engine == null ? "" : engine) + " " + (engineVersion == null ? "" : engineVersion)).trim();
        return engineThreads > 0 ? name + ", " + engineThreads + (engineThreads == 1 ? " thread" : " threads")
                + " per trial" : name;
    }
}
