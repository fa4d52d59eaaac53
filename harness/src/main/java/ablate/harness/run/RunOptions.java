package ablate.harness.run;

import java.nio.file.Path;

/**
 * How to run a plan.
 *
 * @param out     results directory
 * @param jobs    trials run at once
 * @param resume  skip trials whose result is already in {@code out}
 * @param device  {@code cpu}, {@code gpu} or {@code auto}
 * @param dataDir explicit data directory, or null
 * @param shard   this process's slice as {@code i/n} (1-based), or null for all trials
 * @param quiet   no progress output
 */
public record RunOptions(Path out, int jobs, boolean resume, String device, Path dataDir, String shard, boolean quiet) {
}
