package ablate.harness.run;

import ablate.harness.UserError;
import ablate.harness.plan.Trial;

import java.util.ArrayList;
import java.util.List;

/** {@code --shard i/n}: a deterministic slice of the plan, so a CI matrix or an Indexed Job can split a suite. */
public final class Shards {
    private Shards() {
    }

    public static List<Trial> select(List<Trial> trials, String shard) {
        if (shard == null || shard.isBlank()) {
            return trials;
        }
        String[] parts = shard.split("/");
        int i;
        int n;
        try {
            i = Integer.parseInt(parts[0].trim());
            n = Integer.parseInt(parts[1].trim());
        } catch (RuntimeException e) {
            throw new UserError("--shard must look like i/n (e.g. 2/4), got '" + shard + "'");
        }
        if (parts.length != 2 || n < 1 || i < 1 || i > n) {
            throw new UserError("--shard i/n needs 1 <= i <= n, got '" + shard + "'");
        }
        List<Trial> mine = new ArrayList<>();
        for (int k = 0; k < trials.size(); k++) {
            if (k % n == i - 1) {
                mine.add(trials.get(k));
            }
        }
        return mine;
    }
}
