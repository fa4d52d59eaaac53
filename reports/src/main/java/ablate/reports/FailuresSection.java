package ablate.reports;

import ablate.results.TrialResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The trials that did not pass, with their causes. */
final class FailuresSection extends ReportSection {
    FailuresSection(ReportSection shared) {
        super(shared);
    }

    /** Puts this section's entries into the template's model. */
    void put(Map<String, Object> m) {
        m.put("failures", failures());
    }

    private List<Map<String, Object>> failures() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (TrialResult t : a.failures()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("variant", t.variant());
            f.put("color", color(t.variant()));
            f.put("seed", String.valueOf(t.seed()));
            f.put("status", t.status().label());
            f.put("statusClass", t.status().name().toLowerCase().replace('_', '-'));
            f.put("error", t.error() == null ? "(no message recorded)" : t.error());
            f.put("id", nz(t.id()));
            f.put("wall", Format.seconds(t.wallSeconds()));
            list.add(f);
        }
        return list;
    }
}
