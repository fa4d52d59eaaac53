package ablate.reports;

import ablate.results.Provenance;
import ablate.results.TrialResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The environments trials ran in, for the provenance section, summary.json and Allure's environment. */
final class ProvenanceGroups {
    private ProvenanceGroups() {
    }

    /**
     * The distinct environments with how many trials ran in each. Trials are grouped by everything but the data
     * source: a failed trial records none, and a data source naming its trial's seed differs on every seed, and
     * neither is a different environment. A group's data source lists the distinct ones recorded, in trial order.
     */
    static Map<Provenance, Long> of(List<TrialResult> trials) {
        Map<Provenance, List<TrialResult>> groups = new LinkedHashMap<>();
        for (TrialResult t : trials) {
            Provenance p = t.provenance();
            if (p != null) {
                groups.computeIfAbsent(withData(p, null), k -> new ArrayList<>()).add(t);
            }
        }
        Map<Provenance, Long> out = new LinkedHashMap<>();
        groups.forEach((env, list) -> {
            List<String> sources = list.stream().map(t -> t.provenance().dataSource())
                    .filter(d -> d != null && !d.isBlank()).distinct().toList();
            out.merge(withData(env, sources.isEmpty() ? null : String.join("; ", sources)), (long) list.size(), Long::sum);
        });
        return out;
    }

    private static Provenance withData(Provenance p, String dataSource) {
        return new Provenance(p.ablateVersion(), p.gitCommit(), p.javaVersion(), p.engine(), p.engineVersion(),
                p.engineThreads(), p.djlVersion(), p.device(), p.cpuModel(), p.os(), dataSource);
    }
}
