package ablate.plugins.segmentation.task;

import ablate.plugins.common.FixedContext;
import ablate.datasets.segmentation.LabelPng;
import ablate.harness.cli.Main;
import ablate.harness.spi.Budget;
import ablate.harness.spi.DatasetSpec;
import ablate.harness.spi.DivergedException;
import ablate.harness.spi.Params;
import ablate.harness.spi.PluginInfo;
import ablate.harness.spi.TrialOutcome;
import ablate.plugins.attention.ScsePlugin;
import ablate.plugins.segmentation.SegmentationLossPlugin;
import ablate.plugins.segmentation.losses.CrossEntropySegLoss;
import ablate.plugins.segmentation.models.UNetPlugin;
import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SegmentationTaskTest {
    private static final Budget BUDGET = new Budget(2, 8, 0.01, "constant", "adam", 0);
    private static final DatasetSpec SCENES = new DatasetSpec("garment-scenes", "embedded", 32, 12,
            Map.of("canvas", 32L, "min-size", 8L, "max-size", 14L));

    private static FixedContext context(DatasetSpec data, Map<String, Object> options, SegmentationLossPlugin loss) {
        return new FixedContext(3, BUDGET, data, options)
                .with("model", new UNetPlugin(), Map.of("depth", 2L, "width", 4L))
                .with("loss", loss, Map.of())
                .with("attention", new ScsePlugin(), Map.of());
    }

    @Test
    void trainsScoresAndIsDeterministic() throws Exception {
        SegmentationTask task = new SegmentationTask();
        task.prepare(SCENES, Map.of(), null);
        TrialOutcome a = task.run(context(SCENES, Map.of(), new CrossEntropySegLoss()));
        TrialOutcome b = task.run(context(SCENES, Map.of(), new CrossEntropySegLoss()));
        assertThat(a.metrics()).containsKeys("mIoU", "meanDice", "pixelAccuracy", "meanPixelAccuracy", "fwIoU", "smallDice");
        assertThat(a.metrics()).isEqualTo(b.metrics());
        assertThat(ablate.results.Direction.undeclared(task.metrics(), a.metrics().keySet())).isEmpty();
        for (double v : a.metrics().values()) {
            assertThat(v).isBetween(0.0, 1.0);
        }
        assertThat(a.curves().get("trainLoss")).hasSize(2);
        assertThat(a.cost().macsPerSample()).isPositive();
        @SuppressWarnings("unchecked")
        List<List<Long>> confusion = (List<List<Long>>) a.artifacts().get("confusionMatrix");
        assertThat(confusion.stream().flatMap(List::stream).mapToLong(Long::longValue).sum()).isEqualTo(12L * 32 * 32);
        assertThat((List<?>) a.artifacts().get(Overlays.ARTIFACT)).hasSize(SegmentationTask.DEFAULT_EXAMPLES);
    }

    @Test
    void folderRunMatchesMetricSegOnTheWrittenPredictions(@TempDir Path dir) throws Exception {
        Random r = new Random(5);
        for (String split : List.of("train", "test")) {
            Files.createDirectories(dir.resolve(split + "/images"));
            Files.createDirectories(dir.resolve(split + "/labels"));
            for (int i = 0; i < 8; i++) {
                int[] image = new int[16 * 16];
                int[] label = new int[16 * 16];
                int x0 = r.nextInt(10);
                int y0 = r.nextInt(10);
                int cls = 1 + r.nextInt(2);
                for (int k = 0; k < image.length; k++) {
                    int x = k % 16;
                    int y = k / 16;
                    boolean inside = x >= x0 && x < x0 + 6 && y >= y0 && y < y0 + 6;
                    label[k] = inside ? cls : (k == 0 ? 255 : 0);
                    image[k] = inside ? 100 * cls : r.nextInt(30);
                }
                LabelPng.write(dir.resolve(split + "/images/im" + i + ".png"), image, 16, 16);
                LabelPng.write(dir.resolve(split + "/labels/im" + i + ".png"), label, 16, 16);
            }
        }
        DatasetSpec folder = new DatasetSpec("folder", "auto", 0, 0, Map.of("path", dir.toString(), "classes", 3L));
        Path results = Files.createDirectories(dir.resolve("results/cache"));
        SegmentationTask task = new SegmentationTask();
        task.prepare(folder, Map.of("write-predictions", true), null);
        TrialOutcome out = task.run(context(folder, Map.of("write-predictions", true), new CrossEntropySegLoss())
                .withCache(results));
        Path written = Path.of((String) out.artifacts().get("predictions"));
        CommandLine cli = Main.commandLine();
        StringWriter text = new StringWriter();
        cli.setOut(new PrintWriter(text));
        int code = cli.execute("metric", "seg", "--gt", dir.resolve("test/labels").toString(),
                "--pred", written.resolve("pred").toString(), "--num-classes", "3");
        assertThat(code).isZero();
        JsonNode json = new ObjectMapper().readTree(text.toString());
        assertThat(json.get("mIoU").asDouble()).isCloseTo(out.metrics().get("mIoU"), within(1e-12));
        assertThat(json.get("meanDice").asDouble()).isCloseTo(out.metrics().get("meanDice"), within(1e-12));
        assertThat(json.get("pixelAccuracy").asDouble()).isCloseTo(out.metrics().get("pixelAccuracy"), within(1e-12));
    }

    @Test
    void badFolderStopsInPrepareNamingTheFile(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("train/images"));
        Files.createDirectories(dir.resolve("train/labels"));
        LabelPng.write(dir.resolve("train/images/a.png"), new int[4], 2, 2);
        LabelPng.write(dir.resolve("train/labels/a.png"), new int[]{0, 1, 7, 0}, 2, 2);
        DatasetSpec folder = new DatasetSpec("folder", "auto", 0, 0, Map.of("path", dir.toString(), "classes", 3L));
        assertThatThrownBy(() -> new SegmentationTask().prepare(folder, Map.of(), null))
                .hasMessageContaining("train/labels/a.png: class id 7");
    }

    @Test
    void aNanLossDivergesTheTrial() {
        SegmentationLossPlugin nan = new SegmentationLossPlugin() {
            @Override
            public PluginInfo info() {
                return PluginInfo.of("seg-loss.nan", "loss", "", "", null);
            }

            @Override
            public NDArray loss(NDArray logits, NDArray labels, int ignoreIndex, Params params) {
                return logits.mean().mul(ablate.plugins.common.Constant.like(logits, Double.NaN));
            }
        };
        DatasetSpec tiny = new DatasetSpec("garment-scenes", "embedded", 8, 4, Map.of("canvas", 16L, "min-size", 6L,
                "max-size", 10L));
        assertThatThrownBy(() -> new SegmentationTask().run(context(tiny, Map.of(), nan)))
                .isInstanceOf(DivergedException.class);
    }
}
