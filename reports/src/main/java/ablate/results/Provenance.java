package ablate.results;

/** Where and with what a trial ran. */
public record Provenance(String ablateVersion, String gitCommit, String javaVersion, String engine,
                         String engineVersion, String djlVersion, String device, String cpuModel, String os,
                         String dataSource) {
}
