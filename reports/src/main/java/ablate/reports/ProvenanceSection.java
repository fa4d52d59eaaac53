package ablate.reports;

import ablate.results.Provenance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The environments the trials ran in. */
final class ProvenanceSection extends ReportSection {
    ProvenanceSection(ReportSection shared) {
        super(shared);
    }

    /** Puts this section's entries into the template's model. */
    void put(Map<String, Object> m) {
        m.put("provenance", provenance());
    }

    private List<Map<String, Object>> provenance() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (var e : a.provenanceGroups().entrySet()) {
            Provenance p = e.getKey();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("trials", e.getValue());
            List<String[]> fields = new ArrayList<>();
            Function<String, String> v = ReportSection::nz;
            fields.add(new String[]{"Git commit", v.apply(p.gitCommit())});
            fields.add(new String[]{"Ablate", v.apply(p.ablateVersion())});
            fields.add(new String[]{"Java", v.apply(p.javaVersion())});
            fields.add(new String[]{"Engine", p.engineDescription()});
            fields.add(new String[]{"DJL", v.apply(p.djlVersion())});
            fields.add(new String[]{"Device", v.apply(p.device())});
            fields.add(new String[]{"CPU", v.apply(p.cpuModel())});
            fields.add(new String[]{"OS", v.apply(p.os())});
            fields.add(new String[]{"Data", v.apply(p.dataSource())});
            m.put("fields", fields.stream().map(f -> Map.of("key", f[0], "value", f[1].isEmpty() ? Format.NONE : f[1])).toList());
            list.add(m);
        }
        return list;
    }
}
