package ablate.reports.history;

import ablate.reports.compare.BadInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryStoreTest {
    @TempDir
    Path dir;

    @Test
    void fiveRunsGiveTrendsWithTheStepAndTheRegressionsCommitRange() throws Exception {
        Path store = Synthetic.store(dir);
        assertThat(store.resolve("records/q/ci-linux/20261204T120000Z-c4aaaaaaaaaaaaaaa.json")).isRegularFile();
        assertThat(store.resolve("records/q/ci-linux/20261204T120000Z-c4aaaaaaaaaaaaaaa.html")).isRegularFile();
        HistorySite.Result r = HistorySite.write(store, dir.resolve("site"));
        assertThat(r.trends()).hasSize(2);
        Trend acc = r.trends().stream().filter(t -> t.metric().equals("accuracy")).findFirst().orElseThrow();
        assertThat(acc.steps()).containsExactly(3);
        assertThat(r.trends().stream().filter(t -> t.metric().equals("ece")).findFirst().orElseThrow().steps()).isEmpty();
        assertThat(r.regressions()).singleElement().satisfies(g -> {
            assertThat(g.lastGood().commit()).startsWith("c3");
            assertThat(g.firstBad().commit()).startsWith("c4");
            assertThat(g.before()).isCloseTo(0.8, org.assertj.core.api.Assertions.within(1e-12));
            assertThat(g.after()).isEqualTo(0.7005, org.assertj.core.api.Assertions.within(1e-12));
        });
        assertThat(dir.resolve("site/runs/q/ci-linux/20261204T120000Z-c4aaaaaaaaaaaaaaa.html")).isRegularFile();
    }

    @Test
    void aCorruptRecordIsSkippedAndSaidSoWithoutHidingTheOthers() throws Exception {
        Path store = Synthetic.store(dir);
        Path bad = store.resolve("records/q/ci-linux/20261206T000000Z-broken.json");
        Files.writeString(bad, "{\"format\":1,\"suite\":\"q\",\"com");
        Path newer = store.resolve("records/q/ci-linux/20261207T000000Z-future.json");
        Files.writeString(newer, "{\"format\":9}");
        HistorySite.Result r = HistorySite.write(store, dir.resolve("site"));
        assertThat(r.skipped()).extracting(HistoryStore.Skipped::file).containsExactly(bad, newer);
        assertThat(r.skipped().get(0).reason()).startsWith("not valid JSON");
        assertThat(r.skipped().get(1).reason()).contains("newer");
        assertThat(r.trends().get(0).points()).hasSize(5);
        assertThat(Files.readString(r.index())).contains("Skipped records", "20261206T000000Z-broken.json");
    }

    @Test
    void aNewerStoreIsRefusedAndTheStoreIsAppendOnly() throws Exception {
        Path store = Synthetic.store(dir);
        assertThatThrownBy(() -> new HistoryStore(store).add(dir.resolve("run0"), "c1aaaaaaaaaaaaaaa",
                Instant.parse("2026-12-01T12:00:00Z"), "ci-linux")).isInstanceOf(BadInput.class)
                .hasMessageContaining("already recorded");
        Files.writeString(store.resolve("ablate-history.json"), "{\"format\": 2}");
        assertThatThrownBy(() -> HistorySite.write(store, dir.resolve("site"))).isInstanceOf(BadInput.class)
                .hasMessage(store.resolve("ablate-history.json") + ": store format 2 is newer than this Ablate reads (1)");
        assertThatThrownBy(() -> new HistoryStore(dir.resolve("nope")).readAll()).isInstanceOf(BadInput.class)
                .hasMessageContaining("no such history store");
    }

    @Test
    void namesFromCiBecomeOneSafePathSegment() {
        assertThat(HistoryStore.safe("../etc/x y")).isEqualTo(".._etc_x_y");
        assertThat(HistoryStore.safe("..")).isEqualTo("_");
    }
}
