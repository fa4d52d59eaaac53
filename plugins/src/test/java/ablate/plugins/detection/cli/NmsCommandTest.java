package ablate.plugins.detection.cli;

import ablate.harness.cli.CliRun;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NmsCommandTest {
    // Image 1, category 1: A and B with IoU 81 / 119; B again in category 2; a box in image 2.
    private static final String DETECTIONS = """
            [{"image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10], "score": 0.9},
             {"image_id": 1, "category_id": 1, "bbox": [1, 1, 10, 10], "score": 0.8},
             {"image_id": 1, "category_id": 2, "bbox": [1, 1, 10, 10], "score": 0.7},
             {"image_id": 2, "category_id": 1, "bbox": [50.25, 50, 10, 10.5], "score": 0.6}]
            """;
    private static final double IOU_AB = 81.0 / 119;

    @TempDir
    Path dir;

    private static CliRun nms(String... args) {
        List<String> all = new ArrayList<>(List.of("nms"));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    private String file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content).toString();
    }

    @Test
    void greedyPrintsTheKeptDetectionsAsACocoResultsList() throws IOException {
        CliRun r = nms("--method", "greedy", "--input", file("dets.json", DETECTIONS));
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode json = r.json();
        assertThat(json).hasSize(3);
        assertThat(json.get(0).toString()).isEqualTo("{\"image_id\":1,\"category_id\":1,\"bbox\":[0.0,0.0,10.0,10.0],\"score\":0.9}");
        assertThat(json.get(1).toString()).isEqualTo("{\"image_id\":1,\"category_id\":2,\"bbox\":[1.0,1.0,10.0,10.0],\"score\":0.7}");
        assertThat(json.get(2).toString()).isEqualTo("{\"image_id\":2,\"category_id\":1,\"bbox\":[50.25,50.0,10.0,10.5],\"score\":0.6}");
    }

    @Test
    void softNmsPrintsTheNewScores() throws IOException {
        JsonNode linear = nms("--method", "soft-linear", "--input", file("dets.json", DETECTIONS)).json();
        assertThat(linear).hasSize(4);
        assertThat(linear.get(1).get("score").doubleValue()).isCloseTo(0.8 * (1 - IOU_AB), within(1e-12));
        JsonNode gaussian = nms("--method", "soft-gaussian", "--sigma", "0.25", "--input", file("dets.json", DETECTIONS)).json();
        assertThat(gaussian.get(1).get("score").doubleValue()).isCloseTo(0.8 * Math.exp(-IOU_AB * IOU_AB / 0.25), within(1e-12));
        assertThat(gaussian.get(1).get("bbox").toString()).isEqualTo("[1.0,1.0,10.0,10.0]");
    }

    @Test
    void everyMethodRuns() throws IOException {
        String dets = file("dets.json", DETECTIONS);
        for (String method : List.of("greedy", "soft-linear", "soft-gaussian", "diou", "weighted", "matrix")) {
            CliRun r = nms("--method", method, "--input", dets);
            assertThat(r.code()).as(method).isZero();
            assertThat(r.json().get(0).get("score").doubleValue()).as(method).isEqualTo(0.9);
        }
        JsonNode linearMatrix = nms("--method", "matrix", "--kernel", "linear", "--input", dets).json();
        assertThat(linearMatrix.get(1).get("score").doubleValue()).isCloseTo(0.8 * (1 - IOU_AB), within(1e-12));
    }

    @Test
    void weightedPrintsTheMergedBox() throws IOException {
        JsonNode json = nms("--method", "weighted", "--input", file("dets.json", DETECTIONS)).json();
        JsonNode box = json.get(0).get("bbox");
        double x = (0.9 * 0 + 0.8 * 1) / 1.7;
        assertThat(box.get(0).doubleValue()).isCloseTo(x, within(1e-12));
        assertThat(box.get(2).doubleValue()).isCloseTo(10, within(1e-12));
        assertThat(json.get(0).get("score").doubleValue()).isEqualTo(0.9);
    }

    @Test
    void legacyBoxOffset() throws IOException {
        // Corners [0,0,9,9] and [5,0,14,9]: IoU 0.2857 continuous, 1/3 with the +1 offset.
        String dets = file("dets.json", """
                [{"image_id": 1, "category_id": 1, "bbox": [0, 0, 9, 9], "score": 0.9},
                 {"image_id": 1, "category_id": 1, "bbox": [5, 0, 9, 9], "score": 0.8}]""");
        assertThat(nms("--method", "greedy", "--iou-threshold", "0.3", "--input", dets).json()).hasSize(2);
        assertThat(nms("--method", "greedy", "--iou-threshold", "0.3", "--box-offset", "1", "--input", dets).json()).hasSize(1);
    }

    @Test
    void anEmptyListAndImagesWithoutDetectionsAreValid() throws IOException {
        String images = file("gt.json", "{\"images\": [{\"id\": 1}, {\"id\": 2}, {\"id\": 3}], \"annotations\": []}");
        CliRun empty = nms("--method", "greedy", "--input", file("empty.json", "[]"), "--images", images);
        assertThat(empty.code()).isZero();
        assertThat(empty.out().trim()).isEqualTo("[]");
        CliRun some = nms("--method", "soft-gaussian", "--input", file("dets.json", DETECTIONS), "--images", images);
        assertThat(some.code()).isZero();
        assertThat(some.json()).hasSize(4);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "empty file|   |the file is empty",
            "not JSON|[{\"image_id\": 1,|not valid JSON at line 1",
            "not a list|{\"image_id\": 1}|expected a COCO results list",
            "negative width|[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, -1, 5], \"score\": 0.5}]|[0]: bbox width is negative (-1.0)",
            "negative height|[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 1, -5], \"score\": 0.5}]|[0]: bbox height is negative (-5.0)",
            "NaN score|[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 1, 5], \"score\": 0.5}, {\"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 1, 5], \"score\": NaN}]|[1]: score is NaN",
            "infinite score|[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 1, 5], \"score\": -Infinity}]|[0]: score is -Infinity",
            "overflowing score|[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 1, 5], \"score\": 1e999}]|[0]: score is Infinity",
            "text score|[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 1, 5], \"score\": \"0.5\"}]|[0]: 'score' must be a number",
            "short bbox|[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 1], \"score\": 0.5}]|[0]: 'bbox' must be a list of 4 numbers",
            "fractional image id|[{\"image_id\": 1.5, \"category_id\": 1, \"bbox\": [0, 0, 1, 5], \"score\": 0.5}]|[0]: 'image_id' must be an integer",
            "missing category|[{\"image_id\": 1, \"bbox\": [0, 0, 1, 5], \"score\": 0.5}]|[0]: 'category_id' must be an integer, found nothing",
    })
    void badInputIsOneLineAndExitTwo(String what, String content, String message) throws IOException {
        String dets = file("dets.json", content == null ? "" : content);
        CliRun r = nms("--method", "greedy", "--input", dets);
        assertError(r, message);
        assertThat(r.err()).startsWith("ablate: " + dets);
    }

    @Test
    void unknownImageIdsAreRejectedAgainstTheGroundTruth() throws IOException {
        String images = file("gt.json", "{\"images\": [{\"id\": 1}, {\"id\": 3}]}");
        CliRun r = nms("--method", "greedy", "--input", file("dets.json", DETECTIONS), "--images", images);
        r.assertOneLineError("dets.json[3]: image_id 2 is not an image of " + images);
    }

    @Test
    void badOptionsAreOneLineAndExitTwo() throws IOException {
        String dets = file("dets.json", DETECTIONS);
        assertError(nms("--method", "greedy", "--iou-threshold", "1.5", "--input", dets), "--iou-threshold: parameter 'iouThreshold' = 1.5 is outside [0.0, 1.0]");
        assertError(nms("--method", "soft-linear", "--box-offset", "2", "--input", dets), "--box-offset: parameter 'boxOffset' = 2 is outside [0, 1]");
        assertError(nms("--method", "matrix", "--kernel", "cosine", "--input", dets), "--kernel: parameter 'kernel' must be one of gaussian|linear");
        assertError(nms("--method", "fast", "--input", dets), "unknown --method 'fast'; expected one of greedy, soft-linear");
        assertError(nms("--method", "greedy", "--input", dir.resolve("missing.json").toString()), "missing.json: no such file");
        assertError(nms("--method", "greedy"), "Missing required option: '--input=DETS.json'");
        assertError(nms("--method", "greedy", "--input", dets, "--images", file("gt.json", "[]")), "expected a COCO annotation object with an 'images' list");
    }

    /** One option set for every method, as mmcv's and the original Soft-NMS code's; one note names the unused. */
    @ParameterizedTest
    @CsvSource({"greedy, '--sigma'", "soft-linear, '--sigma'", "soft-gaussian, '--iou-threshold'",
            "diou, '--sigma'", "weighted, '--sigma'", "matrix, '--iou-threshold'"})
    void everyMethodAcceptsTheCommonOptionsAndNamesThoseItDoesNotUse(String method, String unused) throws IOException {
        String dets = file("dets.json", DETECTIONS);
        CliRun plain = nms("--method", method, "--input", dets);
        CliRun all = nms("--method", method, "--iou-threshold", "0.5", "--sigma", "0.5", "--score-threshold", "0.001",
                "--box-offset", "0", "--input", dets);
        assertThat(all.code()).as(all.err()).isZero();
        assertThat(all.err().lines()).singleElement().asString()
                .isEqualTo("ablate nms: note: --method " + method + " does not use " + unused);
        if (List.of("greedy", "soft-gaussian", "weighted").contains(method)) {   // the values given are their defaults
            assertThat(all.out()).isEqualTo(plain.out());
        }
        assertThat(plain.err()).isEmpty();
    }

    private static void assertError(CliRun r, String message) {
        assertThat(r.assertOneLineError(message).out()).isEmpty();
    }

    @Test
    void helpExplainsEveryMethodAndItsDefaults() {
        CliRun r = nms("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("greedy", "soft-linear", "soft-gaussian", "diou", "weighted", "matrix",
                "torchvision.ops.nms", "[T=0.5, E=0]", "[T=0.3, E=0.001]", "[S=0.5, E=0.001]", "beta=1.0",
                "[S=2.0, E=0.001]", "--box-offset", "2 bad input", "Every method accepts every option");
        assertThat(r.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
    }
}
