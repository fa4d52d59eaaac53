package ablate.reports.history;

import ablate.results.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;

/**
 * {@code ablate history report}: a static site from a {@link HistoryStore}, one self-contained {@code index.html}
 * (inline CSS and SVG, no script, no network) plus a copy of each run's own report under {@code runs/}, so it can be
 * published anywhere or opened from {@code file://}. It holds the latest regressions (every step to a worse level,
 * newest first, with the commit range it happened in), then one trend chart per suite, machine, variant and metric.
 */
public final class HistorySite {
    private HistorySite() {
    }

    /** What the site shows, for the CLI's summary and tests. */
    public record Result(Path index, List<Trend> trends, List<Regression> regressions, List<HistoryStore.Skipped> skipped) {
    }

    /** A step to a worse level: the last commit at the old level, the first at the new one, the two levels. */
    public record Regression(Trend trend, HistoryRecord lastGood, HistoryRecord firstBad, double before, double after) {
    }

    public static Result write(Path store, Path site) {
        HistoryStore.Contents contents = new HistoryStore(store).readAll();
        List<Trend> trends = trends(contents.records());
        List<Regression> regressions = new ArrayList<>();
        for (Trend t : trends) {
            List<Trend.Segment> segs = t.segments();
            for (int k = 1; k < segs.size(); k++) {
                if (t.worse(segs.get(k - 1).level(), segs.get(k).level())) {
                    int i = segs.get(k).start();
                    regressions.add(new Regression(t, t.runs().get(i - 1), t.runs().get(i), segs.get(k - 1).level(),
                            segs.get(k).level()));
                }
            }
        }
        regressions.sort(Comparator.comparing((Regression r) -> r.firstBad().date()).reversed());
        Map<HistoryRecord, String> links = copyReports(store, site, contents.records());
        String html = html(trends, regressions, contents, links, contents.records().size());
        Path index = site.resolve("index.html");
        AtomicFiles.write(index, html.getBytes(StandardCharsets.UTF_8));
        return new Result(index, trends, regressions, contents.skipped());
    }

    static List<Trend> trends(List<HistoryRecord> records) {
        // key: suite, machine, variant, metric, in the order first seen (records are in date order)
        Map<List<String>, List<HistoryRecord>> runs = new LinkedHashMap<>();
        for (HistoryRecord r : records) {
            r.series().forEach((variant, metrics) -> metrics.keySet().forEach(metric ->
                    runs.computeIfAbsent(List.of(r.suite(), r.machine(), variant, metric), k -> new ArrayList<>()).add(r)));
        }
        List<Trend> out = new ArrayList<>();
        runs.forEach((k, rs) -> {
            String direction = rs.get(rs.size() - 1).directions().getOrDefault(k.get(3), "higher");
            out.add(Trend.of(k.get(0), k.get(1), k.get(2), k.get(3), direction, rs,
                    rs.stream().map(r -> r.series().get(k.get(2)).get(k.get(3))).toList()));
        });
        return out;
    }

    private static Map<HistoryRecord, String> copyReports(Path store, Path site, List<HistoryRecord> records) {
        Map<HistoryRecord, String> links = new java.util.HashMap<>();
        for (HistoryRecord r : records) {
            if (r.report() == null) {
                continue;
            }
            Path from = store.resolve(r.report()).normalize();
            if (!from.startsWith(store.normalize()) || !Files.isRegularFile(from)) {
                continue; // a record pointing outside its store, or at nothing, gets no link
            }
            String rel = "runs/" + store.relativize(from).toString().replace('\\', '/').replaceFirst("^records/", "");
            try {
                AtomicFiles.write(site.resolve(rel), Files.readAllBytes(from));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy " + from + ": " + e.getMessage(), e);
            }
            links.put(r, rel);
        }
        return links;
    }

    private static String html(List<Trend> trends, List<Regression> regressions, HistoryStore.Contents contents,
                               Map<HistoryRecord, String> links, int runs) {
        StringBuilder h = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Ablate history</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <style>
                body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#222}
                table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}
                th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums}
                figure.trend{display:inline-block;width:calc(50% - 1rem);min-width:360px;margin:0 1rem 1.5rem 0;vertical-align:top}
                figure.trend svg{width:100%;height:auto}figcaption{font-weight:600}
                svg .frame{fill:#fff;stroke:#999}svg .grid{stroke:#eee}svg .tick,svg .commit{font-size:11px;fill:#555}
                svg .band{fill:#4a7fd4;fill-opacity:.18;stroke:none}svg .mean{fill:none;stroke:#4a7fd4;stroke-width:1.5}
                svg .fit{stroke:#222;stroke-width:2;stroke-opacity:.55}svg .point{fill:#1f4e9c}
                svg .step{stroke-width:2;stroke-dasharray:6 4}svg .step.worse{stroke:#c62828}svg .step.better{stroke:#2e7d32}
                svg .step.neutral{stroke:#888}.bad{color:#c62828}.muted{color:#666}
                </style></head><body>
                <h1>Ablate history</h1>
                """);
        h.append("<p class=\"muted\">").append(runs).append(" run(s), ").append(trends.size()).append(" trend(s). ")
                .append("Each point is a run's mean over its seeds with its 95% CI as the band; solid lines are the fitted levels "
                        + "and dashed lines the steps between them (a penalised piecewise-constant fit, weighted by each run's "
                        + "standard error; red: worse by the metric's direction). Points link to their run's report.</p>\n");
        h.append("<h2 id=\"regressions\">Latest regressions</h2>\n");
        if (regressions.isEmpty()) {
            h.append("<p>No step to a worse level.</p>\n");
        } else {
            h.append("<table class=\"regressions\"><thead><tr><th>suite</th><th>machine</th><th>variant</th><th>metric</th>"
                    + "<th>commits</th><th>before</th><th>after</th><th>Δ</th><th>date</th></tr></thead><tbody>\n");
            for (Regression r : regressions) {
                Trend t = r.trend();
                h.append("<tr><td>").append(e(t.suite())).append("</td><td>").append(e(t.machine())).append("</td><td>")
                        .append(e(t.variant())).append("</td><td>").append(e(t.metric())).append("</td><td>")
                        .append(commit(r.lastGood(), links)).append(" … ").append(commit(r.firstBad(), links))
                        .append("</td><td class=\"num\">").append(num(r.before())).append("</td><td class=\"num\">")
                        .append(num(r.after())).append("</td><td class=\"num bad\">").append(String.format(Locale.ROOT, "%+.4f",
                                r.after() - r.before())).append("</td><td>").append(e(r.firstBad().date())).append("</td></tr>\n");
            }
            h.append("</tbody></table>\n");
        }
        if (!contents.skipped().isEmpty()) {
            h.append("<h2 id=\"skipped\">Skipped records</h2><ul class=\"skipped\">\n");
            for (HistoryStore.Skipped s : contents.skipped()) {
                h.append("<li><code>").append(e(s.file().toString())).append("</code>: ").append(e(s.reason())).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        String section = null;
        for (Trend t : trends) {
            String key = t.suite() + " · " + t.machine();
            if (!key.equals(section)) {
                section = key;
                h.append("<h2 class=\"suite\">Suite ").append(e(t.suite())).append(" <span class=\"muted\">on ")
                        .append(e(t.machine())).append("</span></h2>\n");
            }
            String arrow = t.direction().equals("higher") ? " ↑" : t.direction().equals("lower") ? " ↓" : "";
            h.append("<figure class=\"trend\" data-variant=\"").append(e(t.variant())).append("\" data-metric=\"")
                    .append(e(t.metric())).append("\"><figcaption>").append(e(t.variant())).append(" · ").append(e(t.metric()))
                    .append(arrow).append("</figcaption>").append(TrendChart.svg(t, links::get)).append("</figure>\n");
        }
        return h.append("</body></html>\n").toString();
    }

    private static String commit(HistoryRecord r, Map<HistoryRecord, String> links) {
        String c = "<code>" + e(r.shortCommit()) + "</code>";
        String href = links.get(r);
        return href == null ? c : "<a href=\"" + e(href) + "\">" + c + "</a>";
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String e(String s) {
        return escapeHtml4(s);
    }
}
