package ablate.plugins.detection.task;

import ablate.harness.spi.DatasetSpec;
import ablate.datasets.detection.CocoDataset;
import ablate.datasets.detection.SceneSpec;
import ablate.datasets.detection.SyntheticScenes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DetectionDataTest {
    @Test
    void trainingAndTestCrowdingAreSetApartAndEvalLevelsNameTheirMetrics() {
        DetectionData data = DetectionData.load(new DatasetSpec("synthetic-scenes", "auto", 4, 3, Map.of("preset", "crowded",
                "size", 48, "train-crowding", 0, "crowding", 0.5, "eval-crowding", List.of(0, 0.5, 1))), null, 7);
        assertThat(data.train().description()).contains("crowded 48x48", "crowding 0;", "4 images");
        assertThat(data.evals).extracting(DetectionData.EvalSet::suffix)
                .containsExactly("", "@crowding=0", "@crowding=0.5", "@crowding=1");
        assertThat(data.evals.get(0).set().description()).contains("crowding 0.5");
        // captions show the trial's seed, not the derived one (a 19-digit number, often negative)
        assertThat(data.evals.get(0).set().description()).contains("test split of seed 7").doesNotContainPattern("seed -?\\d{5,}");
        assertThat(data.train().description()).contains("training split of seed 7");
        assertThat(data.evals.get(2).set()).isSameAs(data.evals.get(0).set()); // the main level is not drawn twice
        assertThat(data.evals.get(3).set().description()).contains("crowding 1");
        assertThat(data.evals.get(3).set().size()).isEqualTo(3);
        assertThat(data.categories()).hasSize(3);
        assertThat(data.description()).startsWith("train: synthetic scenes (crowded 48x48");
    }

    @Test
    void theSameSeedGivesTheSameScenesAndAnotherSeedOthers() {
        DatasetSpec spec = new DatasetSpec("synthetic-scenes", "auto", 3, 2, Map.of("size", 48));
        var a = DetectionData.load(spec, null, 1).evals.get(0).set();
        var b = DetectionData.load(spec, null, 1).evals.get(0).set();
        var c = DetectionData.load(spec, null, 2).evals.get(0).set();
        assertThat(a.annotations()).isEqualTo(b.annotations());
        assertThat(a.images().get(0).pixels()).isEqualTo(b.images().get(0).pixels());
        assertThat(a.images().get(0).pixels()).isNotEqualTo(c.images().get(0).pixels());
    }

    /** Scenes written as COCO files (PNG + JSON) read back as the coco dataset, paths relative to the data dir. */
    @Test
    void cocoFilesAreReadRelativeToTheDataDirectory(@TempDir Path dir) throws Exception {
        SceneSpec spec = SceneSpec.standard().withSize(48);
        CocoDataset.write(SyntheticScenes.generate(spec, 5, 1), dir.resolve("train"));
        CocoDataset.write(SyntheticScenes.generate(spec, 3, 2), dir.resolve("test"));
        DatasetSpec coco = new DatasetSpec("coco", "auto", 4, 0, Map.of("train-annotations", "train/annotations.json",
                "train-images", "train/images", "test-annotations", "test/annotations.json", "test-images", "test/images"));
        new DetectionTask().prepare(coco, Map.of(), dir);
        DetectionData data = DetectionData.load(coco, dir, 9);
        assertThat(data.train().size()).isEqualTo(4); // dataset.train: the first 4 of 5
        assertThat(data.evals).hasSize(1);
        assertThat(data.evals.get(0).set().size()).isEqualTo(3);
        assertThat(data.evals.get(0).set().annotations())
                .isEqualTo(SyntheticScenes.generate(spec, 3, 2).annotations());
        assertThat(data.categories()).extracting(c -> c.name()).containsExactly("square", "circle", "triangle");
    }
}
