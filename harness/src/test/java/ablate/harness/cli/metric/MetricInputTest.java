package ablate.harness.cli.metric;

import ablate.harness.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static ablate.harness.cli.metric.MetricCommandTest.assertOneLineError;
import static ablate.harness.cli.metric.MetricCommandTest.resource;
import static ablate.harness.cli.metric.MetricCommandTest.writeGray;

/** Inputs the metric commands must refuse rather than score: a JPEG posing as a PNG, a box of negative size. */
class MetricInputTest {
    @TempDir
    Path dir;

    @Test
    void aJpegNamedPngIsRejectedByEveryCommandThatReadsPngs() throws Exception {
        Path jpeg = dir.resolve("photo.png");
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY), "jpeg", jpeg.toFile());
        Path png = dir.resolve("real.png");
        writeGray(png, 8, new int[64]);
        String expected = "photo.png: a JPEG file, not a PNG";
        assertOneLineError(CliRun.of("metric", "psnr", "--ref", png.toString(), "--test", jpeg.toString()), expected);
        assertOneLineError(CliRun.of("metric", "ssim", "--ref", jpeg.toString(), "--test", png.toString()), expected);
        assertOneLineError(CliRun.of("metric", "seg", "--gt", png.toString(), "--pred", jpeg.toString(),
                "--num-classes", "2"), expected);
        Path empty = Files.createFile(dir.resolve("empty.png"));
        assertOneLineError(CliRun.of("metric", "psnr", "--ref", png.toString(), "--test", empty.toString()),
                "empty.png: an empty file; expected a PNG");
    }

    @Test
    void aNegativeBoxWidthOrHeightIsRejectedNamingTheAnnotationOrDetection() throws Exception {
        String gt = resource("coco/gt.json").toString();
        String dt = resource("coco/dt.json").toString();
        Path badDt = Files.writeString(dir.resolve("dt.json"), """
                [{"image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10], "score": 0.9},
                 {"image_id": 1, "category_id": 1, "bbox": [5, 5, -3, 10], "score": 0.8}]
                """);
        assertOneLineError(CliRun.of("metric", "coco", "--gt", gt, "--dt", badDt.toString()),
                "dt.json: detection 1: \"bbox\" [5.0, 5.0, -3.0, 10.0] has a negative width");
        Path badGt = Files.writeString(dir.resolve("gt.json"), """
                {"images": [{"id": 1}], "categories": [{"id": 1, "name": "a"}],
                 "annotations": [{"id": 7, "image_id": 1, "category_id": 1, "bbox": [0, 0, 4, -1], "area": 4}]}
                """);
        assertOneLineError(CliRun.of("metric", "coco", "--gt", badGt.toString(), "--dt", dt),
                "gt.json: annotations[0]: \"bbox\" [0.0, 0.0, 4.0, -1.0] has a negative height");
        assertOneLineError(CliRun.of("metric", "voc", "--gt", badGt.toString(), "--dt", dt), "has a negative height");
    }
}
