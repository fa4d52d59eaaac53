package ablate.datasets.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ablate.datasets.Normalization;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticScenesTest {
    private static final int COUNT = 24;

    @Test
    void sameSeedSameScenesAndEachImageIndependentOfTheCount() {
        DetectionSet a = SyntheticScenes.generate(SceneSpec.crowded(), COUNT, 11);
        DetectionSet b = SyntheticScenes.generate(SceneSpec.crowded(), COUNT, 11);
        DetectionSet prefix = SyntheticScenes.generate(SceneSpec.crowded(), 5, 11);
        for (int i = 0; i < COUNT; i++) {
            assertThat(b.images().get(i).pixels()).isEqualTo(a.images().get(i).pixels());
        }
        assertThat(b.annotations()).isEqualTo(a.annotations());
        for (int i = 0; i < 5; i++) {
            assertThat(prefix.images().get(i).pixels()).isEqualTo(a.images().get(i).pixels());
            assertThat(prefix.annotationsOf(i)).isEqualTo(a.annotationsOf(i));
        }
        DetectionSet other = SyntheticScenes.generate(SceneSpec.crowded(), COUNT, 12);
        assertThat(other.images().get(0).pixels()).isNotEqualTo(a.images().get(0).pixels());
    }

    @Test
    void idsNamesAndCategoriesFollowCoco() {
        DetectionSet set = SyntheticScenes.generate(SceneSpec.standard().withClasses(6), 3, 1);
        assertThat(set.categories()).extracting(Category::name)
                .containsExactly("square", "circle", "triangle", "diamond", "cross", "ring");
        assertThat(set.categories()).extracting(Category::id).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(set.images()).extracting(DetectionImage::id).containsExactly(1L, 2L, 3L);
        assertThat(set.images()).extracting(DetectionImage::fileName).containsExactly("000001.png", "000002.png", "000003.png");
        for (int k = 0; k < set.annotations().size(); k++) {
            assertThat(set.annotations().get(k).id()).isEqualTo(k + 1);
        }
        assertThat(set.description()).isEqualTo(
                "synthetic scenes (standard 96x96, 6 classes, 1-5 objects, crowding 0; 3 images, seed 1)");
    }

    @Test
    void boxesAreTheTightBoxesOfTheDrawnPixels() {
        // One opaque object on a noise-free background, which is a rounded linear gradient per channel: the pixels
        // off that plane are exactly the object's, so their bounding box and count are the annotation's bbox and
        // area (the whole mask: outline and fill).
        int size = 96;
        SceneSpec single = new SceneSpec("single", size, 6, 1, 1, 0.1, 0.3, 0, 0.3, 0.7, 0.1, 0, 0, 1);
        DetectionSet set = SyntheticScenes.generate(single, 30, 3);
        for (int i = 0; i < set.size(); i++) {
            DetectionImage image = set.images().get(i);
            Annotation box = set.annotationsOf(i).get(0);
            boolean[] object = offPlane(image);
            int minX = size, minY = size, maxX = -1, maxY = -1, area = 0;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    if (object[y * size + x]) {
                        minX = Math.min(minX, x);
                        maxX = Math.max(maxX, x);
                        minY = Math.min(minY, y);
                        maxY = Math.max(maxY, y);
                        area++;
                    }
                }
            }
            String shape = set.categories().get(set.categoryIndex(box.categoryId())).name();
            assertThat(new double[] {minX, minY, maxX - minX + 1, maxY - minY + 1}).as("image %d, %s", i, shape)
                    .containsExactly(box.bbox());
            assertThat(box.area()).as("image %d, %s", i, shape).isEqualTo(area);
            if (shape.equals("square")) {
                assertThat(box.area()).isEqualTo(box.width() * box.height());
            }
        }
    }

    /**
     * Pixels more than 2.5 levels off a per-channel plane fitted by least squares to the other pixels, found in
     * rounds with a falling threshold (the first fit still includes the object).
     */
    private static boolean[] offPlane(DetectionImage image) {
        int w = image.width();
        int h = image.height();
        boolean[] off = new boolean[w * h];
        for (double threshold : new double[] {40, 8, 2.5, 2.5}) {
            boolean[] next = new boolean[w * h];
            for (int c = 0; c < 3; c++) {
                double[][] normal = new double[3][4];
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        if (!off[y * w + x]) {
                            double[] row = {1, x, y};
                            for (int r = 0; r < 3; r++) {
                                for (int k = 0; k < 3; k++) {
                                    normal[r][k] += row[r] * row[k];
                                }
                                normal[r][3] += row[r] * image.pixel(c, x, y);
                            }
                        }
                    }
                }
                double[] plane = solve(normal);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        double fitted = plane[0] + plane[1] * x + plane[2] * y;
                        next[y * w + x] |= Math.abs(image.pixel(c, x, y) - fitted) > threshold;
                    }
                }
            }
            off = next;
        }
        return off;
    }

    /** Gauss–Jordan elimination of a 3×4 augmented matrix. */
    private static double[] solve(double[][] m) {
        for (int col = 0; col < 3; col++) {
            int pivot = col;
            for (int r = col + 1; r < 3; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            for (int r = 0; r < 3; r++) {
                if (r != col) {
                    double f = m[r][col] / m[col][col];
                    for (int k = col; k < 4; k++) {
                        m[r][k] -= f * m[col][k];
                    }
                }
            }
        }
        return new double[] {m[0][3] / m[0][0], m[1][3] / m[1][1], m[2][3] / m[2][2]};
    }

    @Test
    void standardScenesKeepObjectsApart() {
        SceneSpec spec = SceneSpec.standard();
        DetectionSet set = SyntheticScenes.generate(spec, COUNT, 5);
        for (int i = 0; i < set.size(); i++) {
            List<Annotation> boxes = set.annotationsOf(i);
            assertThat(boxes.size()).isBetween(1, 5);
            for (Annotation a : boxes) {
                assertThat(a.x()).isGreaterThanOrEqualTo(0);
                assertThat(a.y()).isGreaterThanOrEqualTo(0);
                assertThat(a.x() + a.width()).isLessThanOrEqualTo(96);
                assertThat(a.y() + a.height()).isLessThanOrEqualTo(96);
                assertThat(maxIou(a, boxes)).isLessThanOrEqualTo(spec.freeMaxIou());
            }
        }
    }

    @Test
    void crowdedScenesPairObjectsAtTheAskedOverlap() {
        DetectionSet set = SyntheticScenes.generate(SceneSpec.crowded(), COUNT, 5);
        int objects = 0;
        int paired = 0;
        for (int i = 0; i < set.size(); i++) {
            List<Annotation> boxes = set.annotationsOf(i);
            for (Annotation a : boxes) {
                double iou = maxIou(a, boxes);
                assertThat(iou).isLessThanOrEqualTo(0.7);
                objects++;
                paired += iou >= 0.3 ? 1 : 0;
            }
        }
        // Odd object counts leave some objects alone; most have a partner.
        assertThat((double) paired / objects).isGreaterThan(0.8);
    }

    @Test
    void crowdingLevelRaisesOverlap() {
        double previous = -1;
        for (double crowding : new double[] {0, 0.5, 1}) {
            DetectionSet set = SyntheticScenes.generate(SceneSpec.crowded().withCrowding(crowding), COUNT, 9);
            double paired = 0;
            for (int i = 0; i < set.size(); i++) {
                for (Annotation a : set.annotationsOf(i)) {
                    paired += maxIou(a, set.annotationsOf(i)) >= 0.3 ? 1 : 0;
                }
            }
            double share = paired / set.annotations().size();
            if (crowding == 0) {
                assertThat(share).isZero();
            }
            assertThat(share).isGreaterThan(previous);
            previous = share;
        }
    }

    @Test
    void fillGivesFloatChwBatches() {
        DetectionSet set = SyntheticScenes.generate(SceneSpec.standard().withSize(48), 3, 2);
        assertThat(set.imageSize()).isEqualTo(3 * 48 * 48);
        float[] out = new float[2 * set.imageSize()];
        set.fill(new int[] {2, 0}, 0, 2, out, Normalization.NONE);
        DetectionImage second = set.images().get(0);
        assertThat(out[set.imageSize() + 48 * 48 + 5 * 48 + 7]).isEqualTo((float) second.pixel(1, 7, 5) / 255f);
        assertThat(out[0]).isEqualTo((float) set.images().get(2).pixel(0, 0, 0) / 255f);
    }

    @Test
    void specsAreValidated() {
        assertThatThrownBy(() -> SceneSpec.standard().withCrowding(1.5))
                .hasMessage("scene spec: crowding = 1.5 must be in [0, 1]");
        assertThatThrownBy(() -> SceneSpec.standard().withClasses(7))
                .hasMessage("scene spec: classes = 7 must be between 1 and 6");
        assertThatThrownBy(() -> SceneSpec.standard().withObjects(3, 2))
                .hasMessageContaining("maxObjects = 2");
        assertThatThrownBy(() -> SceneSpec.preset("busy")).hasMessage("scene preset 'busy' is not one of standard, crowded");
        assertThat(SceneSpec.preset("Crowded")).isEqualTo(SceneSpec.crowded());
        assertThatThrownBy(() -> SyntheticScenes.generate(SceneSpec.standard(), -1, 0)).hasMessageContaining(">= 0");
    }

    static double maxIou(Annotation a, List<Annotation> boxes) {
        double best = 0;
        for (Annotation b : boxes) {
            if (b != a) {
                best = Math.max(best, a.iou(b));
            }
        }
        return best;
    }
}
