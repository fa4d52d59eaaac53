package ablate.reports;

import ablate.results.TrialResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Example images (detection) of the baseline and the best variant side by side. */
final class ExamplesSection extends ReportSection {
    /** Chooses the trials and categories, so the examples show what the precision–recall charts show. */
    private final PrecisionRecallSection pr;

    ExamplesSection(ReportSection shared) {
        super(shared);
        this.pr = new PrecisionRecallSection(shared);
    }

    /** Puts this section's entries into the template's model. */
    void put(Map<String, Object> m) {
        m.put("examples", examples());
    }

    /** The shown variants' first example images side by side, the same images when they share a seed. */
    private Map<String, Object> examples() {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, TrialResult> trials = pr.firstSeedWith(ExampleImage.ARTIFACT);
        Map<String, PrCurves> curves = pr.prCurves();
        List<Long> chartedIds = pr.chartedCategories(curves).stream().map(PrCurves.Category::id).toList();
        Map<Long, String> names = new LinkedHashMap<>();
        curves.values().forEach(c -> c.curves().forEach(k -> names.putIfAbsent(k.id(), k.name())));
        List<Map<String, Object>> columns = new ArrayList<>();
        List<List<ExampleImage>> images = new ArrayList<>();
        for (var e : trials.entrySet()) {
            List<ExampleImage> list = ExampleImage.of(e.getValue());
            if (list.isEmpty()) {
                continue;
            }
            images.add(list.subList(0, Math.min(EXAMPLES_SHOWN, list.size())));
            Map<String, Object> column = new LinkedHashMap<>();
            column.put("variant", e.getKey());
            column.put("color", color(e.getKey()));
            column.put("seed", e.getValue().seed());
            columns.add(column);
        }
        int count = images.stream().mapToInt(List::size).max().orElse(0);
        List<List<Map<String, Object>>> rows = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            List<Map<String, Object>> row = new ArrayList<>();
            for (List<ExampleImage> list : images) {
                Map<String, Object> cell = new LinkedHashMap<>();
                ExampleImage x = r < list.size() ? list.get(r) : null;
                cell.put("present", x != null);
                cell.put("svg", x == null ? "" : x.svg(chartedIds, names));
                cell.put("caption", x == null ? "" : "image " + x.imageId() + (x.set().isEmpty() ? "" : " · " + x.set())
                        + " · " + x.truth().size() + " true, " + x.detections().size() + " detected");
                row.add(cell);
            }
            rows.add(row);
        }
        m.put("present", count > 0);
        m.put("columns", columns);
        m.put("rows", rows);
        return m;
    }
}
