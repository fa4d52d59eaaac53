package ablate.datasets.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ablate.datasets.DatasetException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoDatasetTest {
    @TempDir
    Path tmp;

    @Test
    void exportIsByteIdenticalForTheSameSeed() throws IOException {
        Path a = CocoDataset.write(SyntheticScenes.generate(SceneSpec.crowded(), 6, 21), tmp.resolve("a")).getParent();
        Path b = CocoDataset.write(SyntheticScenes.generate(SceneSpec.crowded(), 6, 21), tmp.resolve("b")).getParent();
        Path c = CocoDataset.write(SyntheticScenes.generate(SceneSpec.crowded(), 6, 22), tmp.resolve("c")).getParent();
        List<Path> files = files(a);
        assertThat(files).hasSize(7).isEqualTo(files(b));
        for (Path file : files) {
            assertThat(Files.readAllBytes(b.resolve(file))).as(file.toString()).isEqualTo(Files.readAllBytes(a.resolve(file)));
        }
        assertThat(Files.readAllBytes(c.resolve("annotations.json")))
                .isNotEqualTo(Files.readAllBytes(a.resolve("annotations.json")));
    }

    @Test
    void exportUsesCocoFieldNames() throws IOException {
        DetectionSet set = SyntheticScenes.generate(SceneSpec.standard(), 2, 4);
        Path json = CocoDataset.write(set, tmp);
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.fieldNames()).toIterable().containsExactly("info", "images", "annotations", "categories");
        assertThat(root.get("images").get(0).fieldNames()).toIterable()
                .containsExactly("id", "file_name", "width", "height");
        JsonNode annotation = root.get("annotations").get(0);
        assertThat(annotation.fieldNames()).toIterable()
                .containsExactly("id", "image_id", "category_id", "bbox", "area", "iscrowd");
        assertThat(annotation.get("iscrowd").asInt()).isZero();
        assertThat(annotation.get("bbox").isArray()).isTrue();
        assertThat(annotation.get("bbox").get(0).isIntegralNumber()).isTrue();
        assertThat(root.get("categories").get(1).get("name").asText()).isEqualTo("circle");
        assertThat(Files.isRegularFile(tmp.resolve("images/000002.png"))).isTrue();
    }

    @Test
    void readingTheExportGivesTheSameSet() throws IOException {
        DetectionSet set = SyntheticScenes.generate(SceneSpec.crowded().withClasses(6), 5, 8);
        Path json = CocoDataset.write(set, tmp);
        DetectionSet read = CocoDataset.read(json, tmp.resolve("images"));
        assertThat(read.categories()).isEqualTo(set.categories());
        assertThat(read.annotations()).isEqualTo(set.annotations());
        for (int i = 0; i < set.size(); i++) {
            DetectionImage expected = set.images().get(i);
            DetectionImage actual = read.images().get(i);
            assertThat(actual.id()).isEqualTo(expected.id());
            assertThat(actual.fileName()).isEqualTo(expected.fileName());
            assertThat(actual.pixels()).isEqualTo(expected.pixels());
        }
        assertThat(read.description()).isEqualTo("COCO dataset " + json + " (5 images, " + set.annotations().size()
                + " boxes, 6 categories)");
    }

    @Test
    void grayscaleImagesKeepTheirStoredValues() throws IOException {
        BufferedImage gray = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(0, 0, 0, 100);
        gray.getRaster().setSample(1, 0, 0, 7);
        Files.createDirectories(tmp.resolve("img"));
        ImageIO.write(gray, "png", tmp.resolve("img/g.png").toFile());
        Path json = json("{\"images\":[{\"id\":3,\"file_name\":\"g.png\",\"width\":2,\"height\":1}],"
                + "\"annotations\":[{\"id\":1,\"image_id\":3,\"category_id\":5,\"bbox\":[0,0,1.5,1]}],"
                + "\"categories\":[{\"id\":5,\"name\":\"thing\"}]}");
        DetectionSet set = CocoDataset.read(json, tmp.resolve("img"));
        DetectionImage image = set.images().get(0);
        assertThat(new int[] {image.pixel(0, 0, 0), image.pixel(1, 0, 0), image.pixel(2, 1, 0)}).containsExactly(100, 100, 7);
        Annotation a = set.annotations().get(0);
        assertThat(a.area()).isEqualTo(1.5);  // no area: width * height
        assertThat(a.crowd()).isFalse();
        assertThat(set.categories().get(0).supercategory()).isEmpty();
    }

    @Test
    void imagesOfDifferentSizesAreResizedWithTheirBoxes() throws IOException {
        Files.createDirectories(tmp.resolve("img"));
        ImageIO.write(new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB), "png", tmp.resolve("img/a.png").toFile());
        ImageIO.write(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), "png", tmp.resolve("img/b.png").toFile());
        Path json = json("{\"images\":[{\"id\":1,\"file_name\":\"a.png\",\"width\":4,\"height\":2},"
                + "{\"id\":2,\"file_name\":\"b.png\",\"width\":2,\"height\":2}],"
                + "\"annotations\":[{\"id\":1,\"image_id\":1,\"category_id\":1,\"bbox\":[2,0,2,1],\"area\":2,\"iscrowd\":0}],"
                + "\"categories\":[{\"id\":1,\"name\":\"x\"}]}");
        DetectionSet set = CocoDataset.read(json, tmp.resolve("img"));
        assertThatThrownBy(set::width).isInstanceOf(IllegalStateException.class).hasMessageContaining("resize");
        DetectionSet resized = set.resized(8, 8);
        assertThat(resized.width()).isEqualTo(8);
        Annotation a = resized.annotations().get(0);
        assertThat(a.bbox()).containsExactly(4, 0, 4, 4);
        assertThat(a.area()).isEqualTo(16);  // 2 pixels scaled by 2 (x) and 4 (y)
    }

    @Test
    void badFilesGiveOneLineNamingTheFieldAndTheProblem() throws IOException {
        Files.createDirectories(tmp.resolve("img"));
        ImageIO.write(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB), "png", tmp.resolve("img/a.png").toFile());
        String image = "{\"id\":1,\"file_name\":\"a.png\",\"width\":3,\"height\":2}";
        String category = "{\"id\":1,\"name\":\"x\"}";
        expectError("{\"images\":[" + image + "],\"annotations\":[{\"id\":1,\"image_id\":9,\"category_id\":1,"
                + "\"bbox\":[0,0,1,1]}],\"categories\":[" + category + "]}", "annotations[0].image_id 9 is not in images");
        expectError("{\"images\":[" + image + "],\"annotations\":[{\"id\":1,\"image_id\":1,\"category_id\":2,"
                + "\"bbox\":[0,0,1,1]}],\"categories\":[" + category + "]}", "annotations[0].category_id 2 is not in categories");
        expectError("{\"images\":[" + image + "],\"annotations\":[{\"id\":1,\"image_id\":1,\"category_id\":1,"
                + "\"bbox\":[0,0,-1,1]}],\"categories\":[" + category + "]}",
                "annotations[0].bbox has a negative width or height (-1.0, 1.0)");
        expectError("{\"images\":[" + image + "],\"annotations\":[{\"id\":1,\"image_id\":1,\"category_id\":1,"
                + "\"bbox\":[0,0,1]}],\"categories\":[" + category + "]}", "annotations[0].bbox must be [x, y, width, height]");
        expectError("{\"images\":[" + image + "],\"annotations\":[{\"id\":1,\"image_id\":1,\"category_id\":1,"
                + "\"bbox\":[0,\"a\",1,1]}],\"categories\":[" + category + "]}", "annotations[0].bbox[1] must be a finite number, got \"a\"");
        expectError("{\"images\":[" + image + "," + image + "],\"categories\":[" + category + "]}", "images[1].id 1 is used twice");
        expectError("{\"images\":[{\"id\":1,\"file_name\":\"a.png\",\"width\":4,\"height\":2}],\"categories\":[" + category + "]}",
                "is 3x2, the annotations say 4x2");
        expectError("{\"images\":[{\"id\":1,\"file_name\":\"none.png\",\"width\":3,\"height\":2}],\"categories\":[" + category + "]}",
                "images[0]: image file " + tmp.resolve("img/none.png") + " does not exist");
        expectError("{\"images\":[{\"id\":\"one\",\"file_name\":\"a.png\",\"width\":3,\"height\":2}],\"categories\":[]}",
                "images[0].id must be an integer, got \"one\"");
        expectError("{\"images\":[]}", "'categories' must be an array");
        expectError("{\"images\":[],\n\"categories\":[}", "malformed JSON at line 2, column 15: Unexpected close marker '}': expected ']'");
        expectError("[]", "expected a JSON object with images, annotations and categories");
        Files.writeString(tmp.resolve("img/bad.png"), "not a png");
        expectError("{\"images\":[{\"id\":1,\"file_name\":\"bad.png\",\"width\":3,\"height\":2}],\"categories\":[]}",
                "bad.png: not an image format Java can read");
    }

    private void expectError(String content, String message) throws IOException {
        Path json = json(content);
        assertThatThrownBy(() -> CocoDataset.read(json, tmp.resolve("img"))).isInstanceOf(DatasetException.class)
                .hasMessageContaining(message).hasMessageNotContaining("\n");
    }

    private Path json(String content) throws IOException {
        return Files.writeString(tmp.resolve("annotations.json"), content);
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> files = new ArrayList<>(walk.filter(Files::isRegularFile).map(dir::relativize).toList());
            files.sort(null);
            return files;
        }
    }
}
