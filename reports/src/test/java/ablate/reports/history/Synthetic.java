package ablate.reports.history;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Hand-made runs of suite 'q' for the history: summary.json (accuracy ↑, ece ↓) and a small index.html. */
final class Synthetic {
    private Synthetic() {
    }

    static Path run(Path dir, double accuracy, double ece) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("summary.json"), """
                {"schema":"ablate-summary/1","suite":{"name":"q","seeds":[1,2,3],
                  "metricDirections":{"accuracy":"higher","ece":"lower"}},
                 "variants":[{"name":"baseline","metrics":{
                   "accuracy":{"n":3,"mean":%s,"sd":0.01,"ciLow":%s,"ciHigh":%s},
                   "ece":{"n":3,"mean":%s,"sd":0.002,"ciLow":%s,"ciHigh":%s}}}],
                 "failures":[],"provenance":[{"gitCommit":"ignored"}]}
                """.formatted(accuracy, accuracy - 0.0248, accuracy + 0.0248, ece, ece - 0.005, ece + 0.005));
        Files.writeString(dir.resolve("index.html"), "<!DOCTYPE html><title>run " + accuracy + "</title><h1>run</h1>");
        return dir;
    }

    /** Five runs a day apart, commits c1..c5; accuracy steps down from 0.80 to 0.70 at c4; ece stays. */
    static Path store(Path dir) throws Exception {
        Path store = dir.resolve("store");
        double[] acc = {0.80, 0.801, 0.799, 0.70, 0.701};
        HistoryStore s = new HistoryStore(store);
        for (int i = 0; i < acc.length; i++) {
            s.add(run(dir.resolve("run" + i), acc[i], 0.05), "c" + (i + 1) + "aaaaaaaaaaaaaaa",
                    Instant.parse("2026-12-0" + (i + 1) + "T12:00:00Z"), "ci-linux");
        }
        return store;
    }
}
