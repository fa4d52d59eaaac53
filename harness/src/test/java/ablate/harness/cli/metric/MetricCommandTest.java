package ablate.harness.cli.metric;

import ablate.harness.cli.CliRun;
import ablate.harness.cli.Main;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code ablate metric …} end to end through {@link Main#execute}: exact keys, values against the references
 * (COCO: the hand-worked fixture in resources/metric/coco/README.md; seg: numpy, see SegmentationMetricsTest;
 * psnr/ssim: scikit-image 0.19.3, see ImageQualityTest; aic-bic: statsmodels 0.13.5, see PolynomialFitTest),
 * and one line on stderr with exit code 2 for each kind of bad input.
 */
class MetricCommandTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final double X = 1 / (1 + Math.ulp(1.0));

    @TempDir
    Path dir;

    static void assertOneLineError(CliRun r, String fragment) {
        assertThat(r.assertOneLineError(fragment).out()).isEmpty();
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(MetricCommandTest.class.getResource("/metric/" + name).toURI());
    }

    static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void cocoPrintsTheTwelveNumbers() throws Exception {
        CliRun r = CliRun.of("metric", "coco", "--gt", resource("coco/gt.json").toString(), "--dt", resource("coco/dt.json").toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = r.json();
        assertThat(keys(json)).containsExactly("AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs", "ARm", "ARl");
        double[] expected = {2.0 / 3, 2.0 / 3, 2.0 / 3, X, 0.5, X, 0, 1, 1, 1, 1, 1};
        for (int i = 0; i < 12; i++) {
            assertThat(json.get(keys(json).get(i)).asDouble()).as(keys(json).get(i)).isCloseTo(expected[i], within(1e-15));
        }
        CliRun per = CliRun.of("metric", "coco", "--per-category", "--gt", resource("coco/gt.json").toString(), "--dt", resource("coco/dt.json").toString());
        JsonNode categories = per.json().get("perCategory");
        assertThat(categories.get(0).get("name").asText()).isEqualTo("box");
        assertThat(categories.get(0).get("AP").asDouble()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(categories.get(1).get("AP").asDouble()).isEqualTo(-1.0);
    }

    /** Bit-for-bit agreement with pycocotools 2.0.11 on 3,000 detections full of ties (see coco-pycocotools/README.md). */
    @Test
    void cocoIsBitIdenticalToPycocotools() throws Exception {
        JsonNode reference = MAPPER.readTree(resource("coco-pycocotools/pycocotools.json").toFile());
        CliRun r = CliRun.of("metric", "coco", "--per-category", "--gt", resource("coco-pycocotools/gt.json").toString(),
                "--dt", resource("coco-pycocotools/dt.json").toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = r.json();
        for (String key : keys(reference)) {
            if (!key.equals("perCategory")) {
                assertThat(json.get(key).asDouble()).as(key).isEqualTo(reference.get(key).asDouble());
            }
        }
        JsonNode categories = json.get("perCategory");
        assertThat(categories.size()).isEqualTo(80);
        for (int k = 0; k < 80; k++) {
            assertThat(categories.get(k).get("id").asLong()).isEqualTo(reference.get("perCategory").get(k).get("id").asLong());
            assertThat(categories.get(k).get("AP").asDouble()).as("category %d", k + 1)
                    .isEqualTo(reference.get("perCategory").get(k).get("AP").asDouble());
        }
    }

    @Test
    void cocoAcceptsAnEmptyResultsList() throws Exception {
        Path empty = Files.writeString(dir.resolve("dt.json"), "[]");
        CliRun r = CliRun.of("metric", "coco", "--gt", resource("coco/gt.json").toString(), "--dt", empty.toString());
        assertThat(r.code()).isZero();
        assertThat(r.json().get("AP").asDouble()).isEqualTo(0.0);
        assertThat(r.json().get("APs").asDouble()).isEqualTo(0.0);
    }

    @Test
    void cocoBadInput() throws Exception {
        String gt = resource("coco/gt.json").toString();
        Path unknownImage = Files.writeString(dir.resolve("a.json"), "[{\"image_id\": 9, \"category_id\": 1, \"bbox\": [0,0,1,1], \"score\": 1}]");
        assertOneLineError(CliRun.of("metric", "coco", "--gt", gt, "--dt", unknownImage.toString()), "detection 0: image_id 9 is not in the ground truth");
        Path unknownCategory = Files.writeString(dir.resolve("b.json"), "[{\"image_id\": 1, \"category_id\": 5, \"bbox\": [0,0,1,1], \"score\": 1}]");
        assertOneLineError(CliRun.of("metric", "coco", "--gt", gt, "--dt", unknownCategory.toString()), "category_id 5 is not in the ground truth");
        Path malformed = Files.writeString(dir.resolve("c.json"), "[{\"image_id\": 1,");
        assertOneLineError(CliRun.of("metric", "coco", "--gt", gt, "--dt", malformed.toString()), "c.json: malformed JSON at line 1");
        Path noScore = Files.writeString(dir.resolve("d.json"), "[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [0,0,1,1]}]");
        assertOneLineError(CliRun.of("metric", "coco", "--gt", gt, "--dt", noScore.toString()), "detection 0: missing \"score\"");
        Path shortBox = Files.writeString(dir.resolve("e.json"), "[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [0,0,1], \"score\": 1}]");
        assertOneLineError(CliRun.of("metric", "coco", "--gt", gt, "--dt", shortBox.toString()), "\"bbox\" must be 4 numbers");
        Path notCoco = Files.writeString(dir.resolve("f.json"), "{\"annotations\": []}");
        assertOneLineError(CliRun.of("metric", "coco", "--gt", notCoco.toString(), "--dt", unknownImage.toString()), "no \"images\" list");
        assertOneLineError(CliRun.of("metric", "coco", "--gt", dir.resolve("missing.json").toString(), "--dt", gt), "missing.json: no such file");
    }

    @Test
    void vocPrintsMapAndPerCategory() throws Exception {
        // image 1, category 1 in score order: far box (FP), g1 (TP), g2 (TP): rec 0 .5 1, prec 0 .5 2/3;
        // envelope 2/3 everywhere → all-point AP = .5·2/3 + .5·2/3 = 2/3, and every 11-point value is 2/3.
        // Category 2 only has a crowd (difficult) object: AP null, left out of mAP.
        CliRun r = CliRun.of("metric", "voc", "--gt", resource("coco/gt.json").toString(), "--dt", resource("coco/dt.json").toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = r.json();
        assertThat(keys(json)).containsExactly("mAP", "perCategory");
        assertThat(json.get("mAP").asDouble()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(json.get("perCategory").get(1).get("AP").isNull()).isTrue();
        assertThat(json.get("perCategory").get(0).get("positives").asInt()).isEqualTo(2);
        CliRun voc07 = CliRun.of("metric", "voc", "--use-07-metric", "--gt", resource("coco/gt.json").toString(), "--dt", resource("coco/dt.json").toString());
        assertThat(voc07.json().get("mAP").asDouble()).isCloseTo(2.0 / 3, within(1e-15));
    }

    static void writeGray(Path file, int width, int[] values) throws Exception {
        BufferedImage image = new BufferedImage(width, values.length / width, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSamples(0, 0, width, values.length / width, 0, values);
        ImageIO.write(image, "png", file.toFile());
    }

    static void writePalette(Path file, int width, int[] values) throws Exception {
        byte[] ramp = new byte[256];
        for (int i = 0; i < 256; i++) {
            ramp[i] = (byte) (255 - i);
        }
        BufferedImage image = new BufferedImage(width, values.length / width, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, 256, ramp, ramp, ramp));
        image.getRaster().setSamples(0, 0, width, values.length / width, 0, values);
        ImageIO.write(image, "png", file.toFile());
    }

    // the maps of SegmentationMetricsTest (numpy reference there)
    static final int[] G1 = {255, 255, 2, 1, 1, 1, 2, 0, 1, 0, 1, 2, 1, 0, 1, 0, 2, 2, 2, 1, 2, 1, 0, 1, 1, 1, 2, 0, 2, 0};
    static final int[] P1 = {255, 0, 2, 1, 1, 1, 1, 0, 1, 2, 1, 2, 1, 0, 1, 255, 2, 0, 2, 1, 0, 1, 0, 1, 0, 2, 0, 1, 2, 4};
    static final int[] G2 = {2, 2, 2, 0, 1, 0, 0, 2, 0, 1, 0, 0, 2, 0, 0, 255};
    static final int[] P2 = {2, 2, 2, 0, 1, 0, 1, 0, 0, 1, 2, 0, 2, 0, 0, 0};

    @Test
    void segAccumulatesADirectoryIntoOneMatrix() throws Exception {
        Path gt = Files.createDirectory(dir.resolve("gt"));
        Path pred = Files.createDirectory(dir.resolve("pred"));
        writeGray(gt.resolve("a.png"), 6, G1);
        writePalette(pred.resolve("a.png"), 6, P1);
        writePalette(gt.resolve("b.png"), 4, G2);
        writeGray(pred.resolve("b.png"), 4, P2);
        CliRun r = CliRun.of("metric", "seg", "--gt", gt.toString(), "--pred", pred.toString(), "--num-classes", "5");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = r.json();
        assertThat(keys(json)).containsExactly("pixelAccuracy", "meanPixelAccuracy", "mIoU", "fwIoU", "meanDice", "perClass");
        assertThat(json.get("pixelAccuracy").asDouble()).isCloseTo(0.6976744186046512, within(1e-15));
        assertThat(json.get("mIoU").asDouble()).isCloseTo(0.42132352941176476, within(1e-15));
        assertThat(json.get("fwIoU").asDouble()).isCloseTo(0.5591655266757867, within(1e-15));
        assertThat(json.get("meanDice").asDouble()).isCloseTo(0.5351458885941645, within(1e-15));
        assertThat(keys(json.get("perClass"))).containsExactly("iou", "dice", "accuracy");
        assertThat(json.get("perClass").get("iou").get(3).isNull()).isTrue();
        assertThat(json.get("perClass").get("accuracy").get(4).isNull()).isTrue();
        assertThat(json.get("perClass").get("iou").get(4).asDouble()).isEqualTo(0.0);
    }

    @Test
    void segBadInput() throws Exception {
        Path a = dir.resolve("a.png");
        Path b = dir.resolve("b.png");
        writeGray(a, 6, G1);
        writeGray(b, 4, G2);
        assertOneLineError(CliRun.of("metric", "seg", "--gt", a.toString(), "--pred", b.toString(), "--num-classes", "5"), "differs from the ground truth's 6×5");
        assertOneLineError(CliRun.of("metric", "seg", "--gt", a.toString(), "--pred", a.toString(), "--num-classes", "2"),
                "ground truth label 2 at pixel 2 is not a class (0..1) nor the ignore index 255");
        Path rgb = dir.resolve("rgb.png");
        ImageIO.write(new BufferedImage(6, 5, BufferedImage.TYPE_INT_RGB), "png", rgb.toFile());
        assertOneLineError(CliRun.of("metric", "seg", "--gt", a.toString(), "--pred", rgb.toString(), "--num-classes", "5"), "must be an 8-bit single-channel");
        Path text = Files.writeString(dir.resolve("t.png"), "not a png");
        assertOneLineError(CliRun.of("metric", "seg", "--gt", text.toString(), "--pred", a.toString(), "--num-classes", "5"), "t.png: not a PNG file (no PNG signature)");
        Files.createDirectory(dir.resolve("g"));
        Files.createDirectory(dir.resolve("p"));
        writeGray(dir.resolve("g/x.png"), 6, G1);
        assertOneLineError(CliRun.of("metric", "seg", "--gt", dir.resolve("g").toString(), "--pred", dir.resolve("p").toString(), "--num-classes", "5"),
                "x.png: missing");
    }

    /** The integer pattern of ImageQualityTest, written as an 8-bit PNG plane. */
    static int[] pattern(int w, int h, int seed) {
        int[] v = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                long hash = ((long) x * y + seed) * 2654435761L % 4093 % 61;
                v[y * w + x] = (int) ((x * 7 + y * 13 + hash + seed * 17L) % 256);
            }
        }
        return v;
    }

    static void writeRgb(Path file, int w, int h, int... seeds) throws Exception {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] r = pattern(w, h, seeds[0]);
        int[] g = pattern(w, h, seeds[1]);
        int[] b = pattern(w, h, seeds[2]);
        for (int i = 0; i < w * h; i++) {
            image.setRGB(i % w, i / w, (r[i] << 16) | (g[i] << 8) | b[i]);
        }
        ImageIO.write(image, "png", file.toFile());
    }

    @Test
    void psnrAndSsimMatchSkimage() throws Exception {
        Path a = dir.resolve("a.png");
        Path b = dir.resolve("b.png");
        writeGray(a, 31, pattern(31, 23, 1));
        writeGray(b, 31, pattern(31, 23, 2));
        CliRun psnr = CliRun.of("metric", "psnr", "--ref", a.toString(), "--test", b.toString());
        assertThat(psnr.code()).as(psnr.err()).isZero();
        assertThat(keys(psnr.json())).containsExactly("psnr");
        assertThat(psnr.json().get("psnr").asDouble()).isCloseTo(9.473656297658975, within(1e-12));
        CliRun ssim = CliRun.of("metric", "ssim", "--ref", a.toString(), "--test", b.toString(), "--data-range", "255");
        assertThat(keys(ssim.json())).containsExactly("ssim");
        assertThat(ssim.json().get("ssim").asDouble()).isCloseTo(0.10970028898890641, within(1e-14));

        Path r = dir.resolve("r.png");
        Path s = dir.resolve("s.png");
        writeRgb(r, 16, 12, 3, 4, 5);
        writeRgb(s, 16, 12, 6, 4, 7);
        assertThat(CliRun.of("metric", "psnr", "--ref", r.toString(), "--test", s.toString()).json().get("psnr").asDouble())
                .isCloseTo(9.275838768471377, within(1e-12));
        assertThat(CliRun.of("metric", "ssim", "--ref", r.toString(), "--test", s.toString()).json().get("ssim").asDouble())
                .isCloseTo(0.4172575515567676, within(1e-14));
        assertThat(CliRun.of("metric", "psnr", "--channel", "y", "--ref", r.toString(), "--test", s.toString()).json().get("psnr").asDouble())
                .isCloseTo(17.550050219447975, within(1e-12));
        assertThat(CliRun.of("metric", "ssim", "--channel", "y", "--ref", r.toString(), "--test", s.toString()).json().get("ssim").asDouble())
                .isCloseTo(0.7353667610095243, within(1e-12));
    }

    @Test
    void identicalImagesPrintInfinityAsAString() throws Exception {
        Path a = dir.resolve("a.png");
        writeGray(a, 31, pattern(31, 23, 1));
        CliRun r = CliRun.of("metric", "psnr", "--ref", a.toString(), "--test", a.toString());
        assertThat(r.out()).contains("\"psnr\" : \"Infinity\"");
        assertThat(CliRun.of("metric", "ssim", "--ref", a.toString(), "--test", a.toString()).json().get("ssim").asDouble())
                .isCloseTo(1.0, within(1e-12));
    }

    @Test
    void imageBadInput() throws Exception {
        Path a = dir.resolve("a.png");
        Path b = dir.resolve("b.png");
        Path small = dir.resolve("small.png");
        writeGray(a, 31, pattern(31, 23, 1));
        writeGray(b, 23, pattern(23, 31, 1));
        writeGray(small, 10, pattern(10, 10, 1));
        assertOneLineError(CliRun.of("metric", "psnr", "--ref", a.toString(), "--test", b.toString()), "differs from");
        assertOneLineError(CliRun.of("metric", "ssim", "--ref", small.toString(), "--test", small.toString()), "SSIM needs images of at least 11×11");
        assertOneLineError(CliRun.of("metric", "ssim", "--channel", "y", "--ref", a.toString(), "--test", a.toString()), "--channel y needs RGB images");
        assertOneLineError(CliRun.of("metric", "psnr", "--ref", dir.resolve("none.png").toString(), "--test", a.toString()), "none.png: no such file");
    }

    @Test
    void aicBicFollowsStatsmodels() throws Exception {
        CliRun r = CliRun.of("metric", "aic-bic", "--csv", resource("poly.csv").toString(), "--max-degree", "3");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = r.json();
        assertThat(json.size()).isEqualTo(4);
        assertThat(keys(json.get(0))).containsExactly("degree", "k", "logLikelihood", "aic", "aicc", "bic", "selectedBy");
        assertThat(json.get(2).get("k").asInt()).isEqualTo(3);
        assertThat(json.get(2).get("logLikelihood").asDouble()).isCloseTo(-17.12689719027106, within(1e-10));
        assertThat(json.get(2).get("aic").asDouble()).isCloseTo(40.25379438054212, within(1e-10));
        assertThat(json.get(2).get("aicc").asDouble()).isCloseTo(41.396651523399264, within(1e-10));
        assertThat(json.get(2).get("bic").asDouble()).isCloseTo(43.91042185514672, within(1e-10));
        assertThat(json.get(2).get("selectedBy").toString()).isEqualTo("[\"aic\",\"aicc\",\"bic\"]");
        assertThat(json.get(3).get("selectedBy").size()).isZero();
    }

    @Test
    void aicBicBadInput() throws Exception {
        Path noHeader = Files.writeString(dir.resolve("a.csv"), "1,2\n3,4\n");
        assertOneLineError(CliRun.of("metric", "aic-bic", "--csv", noHeader.toString(), "--max-degree", "1"), "line 1: expected the header x,y");
        Path bad = Files.writeString(dir.resolve("b.csv"), "x,y\n1,2\n3,abc\n");
        assertOneLineError(CliRun.of("metric", "aic-bic", "--csv", bad.toString(), "--max-degree", "0"), "line 3: 'abc' is not a finite number");
        Path few = Files.writeString(dir.resolve("c.csv"), "x,y\n1,2\n3,4\n");
        assertOneLineError(CliRun.of("metric", "aic-bic", "--csv", few.toString(), "--max-degree", "1"), "2 points cannot fit a degree-1 polynomial");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("coco", "voc", "seg", "psnr", "ssim", "aic-bic")) {
            CliRun r = CliRun.of("metric", command, "--help");
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("Usage: ablate metric " + command);
        }
        CliRun alone = CliRun.of("metric");   // lists the metrics, as plain 'ablate' lists the commands
        assertThat(alone.code()).isZero();
        assertThat(alone.out()).contains("Commands:", "  coco ", "  aic-bic ");
        assertOneLineError(CliRun.of("metric", "coco", "--gt", "x.json"), "Missing required option: '--dt=DT.json'");
    }
}
