package ablate.reports.compare;

import ablate.reports.history.HistoryStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A pull request's base taken from the history store: the record keeps the seeds, so the comparison stays paired. */
class BaseFromHistoryTest {
    @TempDir
    Path dir;

    @Test
    void aRecordAddedFromAResultsDirectoryIsAPairedBase() throws Exception {
        Path base = Runs.suite("s").accuracy("baseline", 0.80, 0.82, 0.78).write(dir.resolve("base"));
        Files.writeString(base.resolve("summary.json"), """
                {"schema":"ablate-summary/1","suite":{"name":"s","metricDirections":{"accuracy":"higher","ece":"lower"}},
                 "variants":[{"name":"baseline","metrics":{"accuracy":{"n":3,"mean":0.8,"sd":0.02,"ciLow":0.75,"ciHigh":0.85},
                   "ece":{"n":3,"mean":0.05,"sd":0,"ciLow":0.05,"ciHigh":0.05}}}],
                 "failures":[],"claims":[]}""");
        HistoryStore store = new HistoryStore(dir.resolve("store"));
        Path record = store.add(base, "abc1234def", Instant.parse("2026-12-01T00:00:00Z"), "ci");
        assertThat(store.find("s", "abc1234", "ci")).get().extracting(r -> r.file()).isEqualTo(record);
        assertThat(store.find("s", "abc1234", "other")).isEmpty();
        assertThat(store.find("t", "abc1234", null)).isEmpty();

        Path head = Runs.suite("s").accuracy("baseline", 0.75, 0.765, 0.735).write(dir.resolve("new"));
        GateResult r = Gate.compare(RunSnapshot.read(record), RunSnapshot.read(head), Map.of("accuracy", 0.01));
        MetricChange acc = r.changes().stream().filter(c -> c.metric().equals("accuracy")).findFirst().orElseThrow();
        assertThat(acc.paired()).isTrue();
        assertThat(acc.p()).isCloseTo(0.0033167587, within(1e-9)); // as in GateTest, from the trials themselves
        assertThat(acc.verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(r.exitCode()).isEqualTo(1);
    }
}
