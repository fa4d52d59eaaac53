package ablate.plugins.superres;

import ablate.harness.spi.Budget;
import ablate.harness.spi.DatasetSpec;
import ablate.harness.spi.TrialOutcome;
import ablate.plugins.common.FixedContext;
import ablate.plugins.superres.losses.SrLosses;
import ablate.plugins.superres.models.Bicubic;
import ablate.plugins.superres.models.Espcn;
import ablate.plugins.superres.models.Fsrcnn;
import ablate.plugins.superres.models.Srcnn;
import ablate.plugins.superres.task.SuperResolutionTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SuperResolutionTaskTest {
    private static final Budget BUDGET = new Budget(2, 4, 1e-3, "constant", "adam", 0);
    private static final DatasetSpec EMBEDDED = new DatasetSpec("images", "auto", 0, 0, Map.of());

    private static FixedContext context(DatasetSpec data, Map<String, Object> options, SrModelPlugin model) {
        return new FixedContext(7, BUDGET, data, options)
                .with("model", model, Map.of())
                .with("loss", new SrLosses.L2(), Map.of());
    }

    /**
     * Bicubic on the embedded test photographs against bench/sr_protocol.py (numpy dense resize matrices,
     * scikit-image 0.19.3's PSNR and SSIM): {@code /usr/bin/python3 bench/sr_protocol.py 3 .../test/*.png} printed
     * chelsea 30.9397 dB / 0.82727, coffee 27.6676 dB / 0.79618 (×2: mean 31.8367 / 0.88663; ×4: 27.6590 / 0.74689).
     */
    @Test
    void bicubicMatchesTheIndependentNumpyProtocol() throws Exception {
        SuperResolutionTask task = new SuperResolutionTask();
        TrialOutcome x3 = task.run(context(EMBEDDED, Map.of(), new Bicubic()));
        assertThat(x3.metrics().get("psnrY")).isCloseTo(29.3036, within(1e-4));
        assertThat(x3.metrics().get("ssimY")).isCloseTo(0.81173, within(1e-5));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) x3.artifacts().get("srPerImage");
        assertThat(rows).extracting(r -> r.get("name")).containsExactly("chelsea.png", "coffee.png");
        assertThat((Double) rows.get(0).get("psnrY")).isCloseTo(30.9397, within(1e-4));
        assertThat(x3.metrics().get("psnrY@image=chelsea.png")).isEqualTo(rows.get(0).get("psnrY"));
        assertThat(x3.metrics().get("ssimY@image=coffee.png")).isEqualTo(rows.get(1).get("ssimY"));
        assertThat((Double) rows.get(1).get("psnrY")).isCloseTo(27.6676, within(1e-4));
        assertThat((Double) rows.get(0).get("ssimY")).isCloseTo(0.82727, within(1e-5));
        assertThat((Double) rows.get(1).get("ssimY")).isCloseTo(0.79618, within(1e-5));
        assertThat(task.run(context(EMBEDDED, Map.of("scale", 2L), new Bicubic())).metrics().get("psnrY"))
                .isCloseTo(31.8367, within(1e-4));
        assertThat(task.run(context(EMBEDDED, Map.of("scale", 4L), new Bicubic())).metrics().get("ssimY"))
                .isCloseTo(0.74689, within(1e-5));
        assertThat(ablate.results.Direction.undeclared(task.metrics(), x3.metrics().keySet())).isEmpty();
        assertThat(x3.cost().trainableParams()).isZero();
        assertThat((List<?>) x3.artifacts().get("srCrops")).hasSize(2);
        assertThat(((Map<?, ?>) x3.artifacts().get("srProtocol")).get("scale")).isEqualTo(3);
    }

    /**
     * Set5's butterfly, where Debian's opencv-doc is installed (95 MB, so not in CI): bicubic ×3 must give the
     * figure the SRCNN paper tabulates for it (24.04 dB, Dong et al. TPAMI 2016) and what bench/sr_protocol.py
     * prints for it (×2 27.4375 dB / 0.91567, ×3 24.0377 / 0.82191, ×4 22.0982 / 0.73710).
     */
    @Test
    void bicubicOnSet5ButterflyGivesThePublishedFigure() throws Exception {
        Path butterfly = Path.of("/usr/share/doc/opencv-doc/examples/dnn_superres");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(butterfly.resolve("butterfly.png")),
                "Debian's opencv-doc is not installed");
        DatasetSpec set5 = new DatasetSpec("images", "auto", 0, 0, Map.of("test", butterfly.toString()));
        SuperResolutionTask task = new SuperResolutionTask();
        Map<String, Double> x3 = task.run(context(set5, Map.of(), new Bicubic())).metrics();
        assertThat(x3.get("psnrY")).isCloseTo(24.04, within(0.005)).isCloseTo(24.0377, within(1e-4));
        assertThat(x3.get("ssimY")).isCloseTo(0.82191, within(1e-5));
        Map<String, Double> x2 = task.run(context(set5, Map.of("scale", 2L), new Bicubic())).metrics();
        assertThat(x2.get("psnrY")).isCloseTo(27.4375, within(1e-4));
        assertThat(x2.get("ssimY")).isCloseTo(0.91567, within(1e-5));
        Map<String, Double> x4 = task.run(context(set5, Map.of("scale", 4L), new Bicubic())).metrics();
        assertThat(x4.get("psnrY")).isCloseTo(22.0982, within(1e-4));
        assertThat(x4.get("ssimY")).isCloseTo(0.73710, within(1e-5));
    }

    @Test
    void networksTrainDeterministically() throws Exception {
        SuperResolutionTask task = new SuperResolutionTask();
        Map<String, Object> small = Map.of("steps", 3L, "patch", 8L);
        for (SrModelPlugin model : List.of(new Espcn(), new Fsrcnn(), new Srcnn())) {
            TrialOutcome a = task.run(context(EMBEDDED, small, model));
            TrialOutcome b = task.run(context(EMBEDDED, small, model));
            assertThat(a.metrics().get("psnrY")).as(model.info().id()).isEqualTo(b.metrics().get("psnrY"));
            assertThat(a.metrics().get("ssimY")).isEqualTo(b.metrics().get("ssimY"));
            assertThat(a.curves().get("trainLoss")).hasSize(2).isEqualTo(b.curves().get("trainLoss"));
            assertThat(a.curves().get("testPsnrY")).hasSize(2);
            assertThat(a.metrics().get("psnrY")).isBetween(5.0, 60.0);
            assertThat(a.metrics().get("msPerMegapixel")).isPositive();
            assertThat(a.cost().macsPerSample()).isPositive();
        }
    }

    @Test
    void badInputIsOneLineNamingTheKeyOrFile(@TempDir Path dir) throws Exception {
        SuperResolutionTask task = new SuperResolutionTask();
        assertThatThrownBy(() -> task.prepare(EMBEDDED, Map.of("scale", 1L), null))
                .hasMessage("options.scale: the upscaling factor must be 2..8, got 1");
        assertThatThrownBy(() -> task.prepare(EMBEDDED, Map.of("scale", 0L), null))
                .hasMessage("options.scale: the upscaling factor must be 2..8, got 0");
        Path tiny = Files.createDirectory(dir.resolve("tiny"));
        // ESPCN sees 9 LR pixels: at x3 a 24×24 image (8 LR pixels) is too small, though SSIM's window would fit
        ImageIO.write(new BufferedImage(24, 24, BufferedImage.TYPE_3BYTE_BGR), "png", tiny.resolve("t.png").toFile());
        DatasetSpec tinyTest = new DatasetSpec("images", "auto", 0, 0, Map.of("test", tiny.toString()));
        assertThatThrownBy(() -> task.run(context(tinyTest, Map.of(), new Espcn())))
                .hasMessageStartingWith(tiny.resolve("t.png") + ": 24×24 is too small for x3 (needs at least 27 pixels");
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThatThrownBy(() -> task.prepare(new DatasetSpec("images", "auto", 0, 0, Map.of("test", empty.toString())),
                Map.of(), null)).hasMessage(empty + ": no PNG images");
    }

    /** A folder of any PNGs as the test split: bicubic is scored on it with no training. */
    @Test
    void bicubicOnAUserFolder(@TempDir Path dir) throws Exception {
        BufferedImage img = new BufferedImage(40, 31, BufferedImage.TYPE_3BYTE_BGR);
        java.util.Random r = new java.util.Random(1);
        for (int y = 0; y < 31; y++) {
            for (int x = 0; x < 40; x++) {
                img.setRGB(x, y, (x * 6) << 16 | (y * 8) << 8 | r.nextInt(40));
            }
        }
        ImageIO.write(img, "png", dir.resolve("grad.png").toFile());
        DatasetSpec folder = new DatasetSpec("images", "auto", 0, 0, Map.of("test", dir.toString()));
        new SuperResolutionTask().prepare(folder, Map.of(), null);
        TrialOutcome o = new SuperResolutionTask().run(context(folder, Map.of(), new Bicubic()));
        assertThat(o.metrics().get("psnrY")).isBetween(20.0, 60.0);
        assertThat(o.artifacts().get("dataSource").toString()).contains("1 test (" + dir + ")");
    }
}
