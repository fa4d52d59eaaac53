package ablate.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The best variant's confusion matrix, summed over its passed seeds. */
final class ConfusionSection extends ReportSection {
    ConfusionSection(ReportSection shared) {
        super(shared);
    }

    /** Puts this section's entries into the template's model. */
    void put(Map<String, Object> m) {
        m.put("confusion", confusion());
    }

    private Map<String, Object> confusion() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("present", false);
        // the section is for tasks that record matrices (classification), not for every report
        m.put("recorded", a.trials().stream().anyMatch(t -> t.artifacts() != null
                && t.artifacts().containsKey(ConfusionMatrix.ARTIFACT)));
        Optional<VariantAnalysis> best = a.best();
        if (best.isEmpty()) {
            return m;
        }
        Optional<ConfusionMatrix> cm = ConfusionMatrix.summed(best.get().passed());
        if (cm.isEmpty()) {
            return m;
        }
        ConfusionMatrix c = cm.get();
        m.put("present", true);
        m.put("variant", best.get().name());
        m.put("seeds", c.trials());
        m.put("classes", c.classNames());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            long total = c.rowTotal(i);
            List<Map<String, Object>> cells = new ArrayList<>();
            for (int j = 0; j < c.size(); j++) {
                double share = total == 0 ? 0 : (double) c.count(i, j) / total;
                Map<String, Object> cell = new LinkedHashMap<>();
                cell.put("count", Format.count(c.count(i, j)));
                cell.put("alpha", String.format(java.util.Locale.ROOT, "%.3f", share));
                cell.put("dark", share > 0.5);
                cell.put("diagonal", i == j);
                cell.put("title", "true " + c.classNames().get(i) + ", predicted " + c.classNames().get(j)
                        + ": " + c.count(i, j) + " (" + pct(share) + "% of the row)");
                cells.add(cell);
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", c.classNames().get(i));
            row.put("cells", cells);
            row.put("recall", total == 0 ? Format.NONE : pct((double) c.count(i, i) / total) + "%");
            rows.add(row);
        }
        m.put("rows", rows);
        return m;
    }
}
