package ablate.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The claims from the literature with their verdicts. */
final class ClaimsSection extends ReportSection {
    ClaimsSection(ReportSection shared) {
        super(shared);
    }

    /** Puts this section's entries into the template's model. */
    void put(Map<String, Object> m) {
        m.put("claims", claims());
    }

    private List<Map<String, Object>> claims() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (ClaimVerdict v : a.claims()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("variant", v.variant());
            c.put("color", color(v.variant()));
            c.put("plugin", nz(v.claim().pluginId()));
            c.put("metric", nz(v.claim().metric()));
            c.put("direction", "LOWER".equalsIgnoreCase(v.claim().direction()) ? "lowers" : "raises");
            c.put("text", nz(v.claim().text()));
            c.put("verdict", v.verdict().label());
            c.put("reason", v.reason());
            list.add(c);
        }
        return list;
    }
}
