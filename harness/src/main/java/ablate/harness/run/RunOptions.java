package ablate.harness.run;

import java.nio.file.Path;
import java.util.List;

/**
 * How to run a plan.
 *
 * @param out         results directory
 * @param jobs        trials run at once
 * @param resume      skip trials whose result is already in {@code out}
 * @param device      {@code cpu}, {@code gpu} or {@code auto}
 * @param dataDir     explicit data directory, or null
 * @param shard       this process's slice as {@code i/n} (1-based), or null for all trials
 * @param quiet       no progress output
 * @param inProcess   run trials in threads of this JVM instead of a process each
 * @param trialMemory resident memory limit of one trial's process, in bytes
 * @param retryFailed with {@code resume}: run again the trials whose stored result did not pass
 * @param cliArgs     the {@code run} command's arguments, for the resume command printed on Ctrl-C (null: built)
 */
public record RunOptions(Path out, int jobs, boolean resume, String device, Path dataDir, String shard, boolean quiet,
                         boolean inProcess, long trialMemory, boolean retryFailed, List<String> cliArgs) {

    public RunOptions(Path out, int jobs, boolean resume, String device, Path dataDir, String shard, boolean quiet) {
        this(out, jobs, resume, device, dataDir, shard, quiet, false, MemorySize.defaultTrialMemory(jobs), false, null);
    }
}
