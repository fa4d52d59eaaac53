package ablate.harness.run;

import ablate.harness.UserError;
import ablate.harness.plan.Trial;
import ablate.harness.spi.Task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code --shard i/n}: a deterministic slice of the plan, so a Slurm array, a CI matrix or an Indexed Job can split
 * a suite. The slice depends on the plan alone (never on what a results directory holds), so a requeued shard run
 * with {@code --resume} selects the same trials and skips those it finished.
 *
 * <p>Trials with equal share keys ({@link Task#shareKey}) reuse one expensive result (a detector
 * trained once per seed), so they form one group and go to one shard: split across shards, every shard would
 * compute that result again. Groups are dealt in plan order, each to the shard holding the fewest trials so far
 * (the lowest index on a tie): with groups of one trial that is plain round robin, and shard sizes always differ by
 * at most the largest group.
 */
public final class Shards {
    private Shards() {
    }

    /** Each trial alone: no shared work. */
    public static List<Trial> select(List<Trial> trials, String shard) {
        return select(trials, shard, Trial::id);
    }

    /** What {@code ablate run --shard} runs: trials grouped by the task's {@link Task#shareKey}. */
    public static List<Trial> select(List<Trial> trials, String shard, Task task) {
        return select(trials, shard, t -> task.shareKey(t.config()));
    }

    public static List<Trial> select(List<Trial> trials, String shard, Function<Trial, ?> shareKey) {
        if (shard == null || shard.isBlank()) {
            return trials;
        }
        int[] in = parse(shard);
        return split(trials, in[1], shareKey).get(in[0] - 1);
    }

    /** {@code i/n} as {i, n}, or one line saying what is wrong. */
    static int[] parse(String shard) {
        String[] parts = shard.split("/", -1);
        int i;
        int n;
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            i = Integer.parseInt(parts[0].trim());
            n = Integer.parseInt(parts[1].trim());
        } catch (RuntimeException e) {
            throw new UserError("--shard must look like i/n (e.g. 2/4), got '" + shard + "'");
        }
        if (n < 1 || i < 1 || i > n) {
            throw new UserError("--shard i/n needs 1 <= i <= n, got '" + shard + "'");
        }
        return new int[] {i, n};
    }

    /** All n shards, each in plan order; every trial is in exactly one. */
    static List<List<Trial>> split(List<Trial> trials, int n, Function<Trial, ?> shareKey) {
        Map<Object, List<Trial>> groups = new LinkedHashMap<>();
        for (Trial t : trials) {
            groups.computeIfAbsent(shareKey.apply(t), k -> new ArrayList<>()).add(t);
        }
        List<List<Trial>> shards = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            shards.add(new ArrayList<>());
        }
        for (List<Trial> group : groups.values()) {
            List<Trial> smallest = shards.get(0);
            for (List<Trial> s : shards) {
                if (s.size() < smallest.size()) {
                    smallest = s;
                }
            }
            smallest.addAll(group);
        }
        // in plan order within a shard, as before grouping existed (progress and reports list trials that way)
        Map<Trial, Integer> position = new java.util.IdentityHashMap<>();
        for (int k = 0; k < trials.size(); k++) {
            position.put(trials.get(k), k);
        }
        for (List<Trial> s : shards) {
            s.sort(java.util.Comparator.comparingInt(position::get));
        }
        return shards;
    }
}
