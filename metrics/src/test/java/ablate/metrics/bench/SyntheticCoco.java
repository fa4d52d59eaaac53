package ablate.metrics.bench;

import ablate.metrics.detection.coco.CocoAnnotation;
import ablate.metrics.detection.coco.CocoCategory;
import ablate.metrics.detection.coco.CocoDetection;
import ablate.metrics.detection.coco.CocoGroundTruth;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic COCO-like data for benchmarks: per image 1-14 objects (COCO val2017 averages 7.3) of 80 categories
 * with sizes spanning the small/medium/large ranges and 1% crowd regions, and exactly {@code detectionsPerImage}
 * detections: 1-3 jittered copies of each object plus stray boxes of random categories, random scores.
 * {@code main(dir, images, detectionsPerImage)} writes {@code gt.json} and {@code dt.json} for timing the CLI.
 */
public final class SyntheticCoco {
    public static final int CATEGORIES = 80;

    public record Data(CocoGroundTruth truth, List<CocoDetection> detections) {
    }

    private SyntheticCoco() {
    }

    public static Data generate(int images, int detectionsPerImage, long seed) {
        return generate(images, detectionsPerImage, seed, false);
    }

    /**
     * {@code coarse}: whole-pixel boxes and scores rounded to 0.05, so that score ties (across and within images)
     * and IoUs exactly at a threshold are common — the cases where evaluation details change the numbers.
     */
    public static Data generate(int images, int detectionsPerImage, long seed, boolean coarse) {
        Random random = new Random(seed);
        java.util.function.DoubleUnaryOperator px = v -> coarse ? Math.rint(v) : v;
        java.util.function.DoubleUnaryOperator sc = v -> coarse ? Math.rint(v * 20) / 20 : v;
        List<Long> imageIds = new ArrayList<>();
        List<CocoAnnotation> annotations = new ArrayList<>();
        List<CocoDetection> detections = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            long image = 100_000 + i * 7L;
            imageIds.add(image);
            int objects = 1 + random.nextInt(14);
            int made = 0;
            for (int o = 0; o < objects; o++) {
                long category = 1 + random.nextInt(CATEGORIES);
                double w = px.applyAsDouble(4 + Math.exp(random.nextDouble() * Math.log(300)));
                double h = px.applyAsDouble(4 + Math.exp(random.nextDouble() * Math.log(300)));
                double x = px.applyAsDouble(random.nextDouble() * (640 - w));
                double y = px.applyAsDouble(random.nextDouble() * (480 - h));
                boolean crowd = random.nextInt(100) == 0;
                annotations.add(new CocoAnnotation(annotations.size() + 1, image, category, x, y, w, h, 0.8 * w * h, crowd));
                int copies = 1 + random.nextInt(3);
                for (int c = 0; c < copies && made < detectionsPerImage; c++, made++) {
                    double jitter = 0.25;
                    detections.add(new CocoDetection(image, category,
                            px.applyAsDouble(x + (random.nextDouble() - 0.5) * jitter * w),
                            px.applyAsDouble(y + (random.nextDouble() - 0.5) * jitter * h),
                            px.applyAsDouble(w * (1 + (random.nextDouble() - 0.5) * jitter)),
                            px.applyAsDouble(h * (1 + (random.nextDouble() - 0.5) * jitter)),
                            sc.applyAsDouble(0.3 + 0.7 * random.nextDouble())));
                }
            }
            for (; made < detectionsPerImage; made++) {
                double w = px.applyAsDouble(4 + random.nextDouble() * 200);
                double h = px.applyAsDouble(4 + random.nextDouble() * 200);
                detections.add(new CocoDetection(image, 1 + random.nextInt(CATEGORIES),
                        px.applyAsDouble(random.nextDouble() * (640 - w)), px.applyAsDouble(random.nextDouble() * (480 - h)),
                        w, h, sc.applyAsDouble(0.5 * random.nextDouble())));
            }
        }
        List<CocoCategory> categories = new ArrayList<>();
        for (int c = 1; c <= CATEGORIES; c++) {
            categories.add(new CocoCategory(c, "category" + c));
        }
        return new Data(new CocoGroundTruth(imageIds, categories, annotations), detections);
    }

    public static void write(Data data, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("gt.json"))) {
            out.write("{\"images\": [");
            List<Long> ids = data.truth().imageIds();
            for (int i = 0; i < ids.size(); i++) {
                out.write((i == 0 ? "" : ",") + "\n{\"id\": " + ids.get(i) + ", \"width\": 640, \"height\": 480}");
            }
            out.write("],\n\"categories\": [");
            for (int c = 0; c < data.truth().categories().size(); c++) {
                CocoCategory cat = data.truth().categories().get(c);
                out.write((c == 0 ? "" : ",") + "\n{\"id\": " + cat.id() + ", \"name\": \"" + cat.name() + "\"}");
            }
            out.write("],\n\"annotations\": [");
            List<CocoAnnotation> anns = data.truth().annotations();
            for (int a = 0; a < anns.size(); a++) {
                CocoAnnotation ann = anns.get(a);
                out.write((a == 0 ? "" : ",") + "\n{\"id\": " + ann.id() + ", \"image_id\": " + ann.imageId()
                        + ", \"category_id\": " + ann.categoryId() + ", \"bbox\": [" + ann.x() + ", " + ann.y() + ", "
                        + ann.width() + ", " + ann.height() + "], \"area\": " + ann.area() + ", \"iscrowd\": "
                        + (ann.crowd() ? 1 : 0) + "}");
            }
            out.write("]}\n");
        }
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("dt.json"))) {
            out.write("[");
            List<CocoDetection> dts = data.detections();
            for (int d = 0; d < dts.size(); d++) {
                CocoDetection det = dts.get(d);
                out.write((d == 0 ? "" : ",") + "\n{\"image_id\": " + det.imageId() + ", \"category_id\": " + det.categoryId()
                        + ", \"bbox\": [" + det.x() + ", " + det.y() + ", " + det.width() + ", " + det.height()
                        + "], \"score\": " + det.score() + "}");
            }
            out.write("]\n");
        }
    }

    /** Usage: SyntheticCoco DIR [IMAGES=5000] [DETECTIONS_PER_IMAGE=100] [SEED=42] [coarse]. */
    public static void main(String[] args) throws IOException {
        int images = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int perImage = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
        boolean coarse = args.length > 4 && args[4].equals("coarse");
        write(generate(images, perImage, seed, coarse), Path.of(args[0]));
    }
}
