package ablate.datasets.detection;

import ablate.datasets.Indices;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Random;

/**
 * Deterministic synthetic detection scenes: RGB images of coloured, textured shapes ({@link Shape}) on a noisy
 * gradient background, with exact ground-truth boxes. Image {@code i} of a seed depends on nothing else (its own
 * {@link Random} is seeded from the seed and {@code i}), so the same seed gives the same bytes on every JVM.
 *
 * <p>Each object is drawn inside an integer box; its ground-truth box is the tight box of its pixels and its
 * area is its pixel count, both of the whole (amodal) shape, as crowded-detection sets such as CrowdHuman's
 * full-body boxes annotate occluded objects. Fills are semi-transparent and outlines opaque, so occluded objects
 * stay visible. Crowded pairs are placed by searching, along a random direction from the partner's centre, the
 * offset that gives a target IoU, then checking the IoU of the tight boxes.
 */
public final class SyntheticScenes {
    private static final int PLACEMENT_TRIES = 60;

    private SyntheticScenes() {
    }

    /** {@code count} scenes with image ids 1..count, file names {@code 000001.png}, annotation ids from 1. */
    public static DetectionSet generate(SceneSpec spec, int count, long seed) {
        return generate(spec, count, seed, "seed " + seed);
    }

    /**
     * The same, with the seed described as {@code origin} in the set's description: a seed derived from a trial's
     * seed is a meaningless 19-digit number to a reader, so the caller names the seed a person chose (e.g.
     * {@code test split of seed 3}).
     */
    public static DetectionSet generate(SceneSpec spec, int count, long seed, String origin) {
        if (count < 0) {
            throw new IllegalArgumentException("scene count must be >= 0, got " + count);
        }
        List<Category> categories = new ArrayList<>();
        for (int c = 0; c < spec.classes(); c++) {
            categories.add(new Category(c + 1, Shape.values()[c].label(), "shape"));
        }
        List<DetectionImage> images = new ArrayList<>(count);
        Map<Integer, Mask> masks = new HashMap<>();
        List<Annotation> annotations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long imageId = i + 1;
            Scene scene = render(spec, Indices.derive(seed, i), masks);
            images.add(new DetectionImage(imageId, String.format(Locale.ROOT, "%06d.png", imageId), spec.size(),
                    spec.size(), scene.pixels));
            for (Placed object : scene.objects) {
                annotations.add(new Annotation(annotations.size() + 1, imageId, object.shape.ordinal() + 1,
                        object.tightX(), object.tightY(), object.mask.width, object.mask.height, object.mask.area, false));
            }
        }
        return new DetectionSet(categories, images, annotations, String.format(Locale.ROOT,
                "synthetic scenes (%s; %,d images, %s)", spec.describe(), count, origin));
    }

    private record Scene(byte[] pixels, List<Placed> objects) {
    }

    /** The pixels of a shape drawn in a w×h box, with their tight box (relative to the box) and count. */
    private record Mask(boolean[] inside, int minX, int minY, int width, int height, int area) {
        static Mask of(Shape shape, int w, int h) {
            boolean[] inside = new boolean[w * h];
            int minX = w;
            int minY = h;
            int maxX = -1;
            int maxY = -1;
            int area = 0;
            for (int j = 0; j < h; j++) {
                for (int i = 0; i < w; i++) {
                    if (shape.contains((i + 0.5) / w, (j + 0.5) / h)) {
                        inside[j * w + i] = true;
                        area++;
                        minX = Math.min(minX, i);
                        maxX = Math.max(maxX, i);
                        minY = Math.min(minY, j);
                        maxY = Math.max(maxY, j);
                    }
                }
            }
            return new Mask(inside, minX, minY, maxX - minX + 1, maxY - minY + 1, area);
        }
    }

    /** An object: its shape and drawing box, its mask within that box, and how many crowded partners it has. */
    private static final class Placed {
        final Shape shape;
        final int x;
        final int y;
        final int w;
        final int h;
        final Mask mask;
        int partners;

        Placed(Shape shape, int x, int y, int w, int h, Map<Integer, Mask> masks) {
            this.shape = shape;
            this.x = x;
            this.y = y;
            this.w = w;
            this.h = h;
            this.mask = masks.computeIfAbsent((shape.ordinal() << 24) | (w << 12) | h, k -> Mask.of(shape, w, h));
        }

        boolean inside(int x0, int y0) {
            int i = x0 - x;
            int j = y0 - y;
            return i >= 0 && j >= 0 && i < w && j < h && mask.inside[j * w + i];
        }

        int tightX() {
            return x + mask.minX;
        }

        int tightY() {
            return y + mask.minY;
        }

        double iou(Placed other) {
            return Annotation.iou(tightX(), tightY(), mask.width, mask.height, other.tightX(), other.tightY(),
                    other.mask.width, other.mask.height);
        }
    }

    private static Scene render(SceneSpec spec, long seed, Map<Integer, Mask> masks) {
        Random random = new Random(seed);
        int size = spec.size();
        List<Placed> objects = place(spec, random, masks);
        double[][] canvas = background(spec, random);
        for (Placed object : objects) {
            draw(spec, object, canvas, random);
        }
        byte[] pixels = new byte[3 * size * size];
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < size * size; p++) {
                double v = canvas[c][p] + spec.noise() * random.nextGaussian();
                pixels[c * size * size + p] = (byte) Math.max(0, Math.min(255, Math.round(v)));
            }
        }
        return new Scene(pixels, objects);
    }

    private static List<Placed> place(SceneSpec spec, Random random, Map<Integer, Mask> masks) {
        int count = spec.minObjects() + random.nextInt(spec.maxObjects() - spec.minObjects() + 1);
        List<Placed> placed = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            Shape shape = Shape.values()[random.nextInt(spec.classes())];
            Placed object = null;
            if (!placed.isEmpty() && random.nextDouble() < spec.crowding()) {
                object = placeCrowded(spec, shape, placed, random, masks);
            }
            if (object == null) {
                object = placeFree(spec, shape, placed, random, masks);
            }
            if (object != null) {
                placed.add(object);
            }
        }
        return placed;
    }

    private static Placed placeFree(SceneSpec spec, Shape shape, List<Placed> placed, Random random,
                                    Map<Integer, Mask> masks) {
        int size = spec.size();
        for (int attempt = 0; attempt < PLACEMENT_TRIES; attempt++) {
            int w = side(spec, random);
            int h = aspect(spec, w, random);
            Placed candidate = new Placed(shape, random.nextInt(size - w + 1), random.nextInt(size - h + 1), w, h,
                    masks);
            if (fits(candidate, placed, null, spec.freeMaxIou(), spec)) {
                return candidate;
            }
        }
        return null;
    }

    private static Placed placeCrowded(SceneSpec spec, Shape shape, List<Placed> placed, Random random,
                                       Map<Integer, Mask> masks) {
        int size = spec.size();
        List<Placed> candidates = placed.stream().filter(p -> p.partners == 0).toList();
        if (candidates.isEmpty()) {
            candidates = placed;
        }
        for (int attempt = 0; attempt < PLACEMENT_TRIES; attempt++) {
            Placed partner = candidates.get(random.nextInt(candidates.size()));
            double target = spec.minIou() + (spec.maxIou() - spec.minIou()) * random.nextDouble();
            int w = clampSide(spec, (int) Math.round(partner.w * (0.85 + 0.3 * random.nextDouble())));
            int h = clampSide(spec, (int) Math.round(partner.h * (0.85 + 0.3 * random.nextDouble())));
            double angle = 2 * Math.PI * random.nextDouble();
            double dx = StrictMath.cos(angle);
            double dy = StrictMath.sin(angle);
            double cx = partner.x + partner.w / 2.0;
            double cy = partner.y + partner.h / 2.0;
            if (nominalIou(partner, cx, cy, w, h) < target) {
                continue;
            }
            // IoU falls monotonically as the box moves away from the partner's centre along a ray: bisect.
            double near = 0;
            double far = partner.w + partner.h + w + h;
            for (int step = 0; step < 40; step++) {
                double mid = (near + far) / 2;
                if (nominalIou(partner, cx + mid * dx, cy + mid * dy, w, h) >= target) {
                    near = mid;
                } else {
                    far = mid;
                }
            }
            int x = (int) Math.round(cx + near * dx - w / 2.0);
            int y = (int) Math.round(cy + near * dy - h / 2.0);
            if (x < 0 || y < 0 || x + w > size || y + h > size) {
                continue;
            }
            Placed candidate = new Placed(shape, x, y, w, h, masks);
            double iou = candidate.iou(partner);
            if (iou >= spec.minIou() && iou <= spec.maxIou() && fits(candidate, placed, partner, spec.freeMaxIou(), spec)) {
                partner.partners++;
                candidate.partners++;
                return candidate;
            }
        }
        return null;
    }

    /** True if the candidate is non-empty and overlaps every placed object (but {@code except}) at IoU ≤ limit. */
    private static boolean fits(Placed candidate, List<Placed> placed, Placed except, double limit, SceneSpec spec) {
        if (candidate.mask.area == 0 || candidate.x + candidate.w > spec.size() || candidate.y + candidate.h > spec.size()) {
            return false;
        }
        for (Placed other : placed) {
            if (other != except && candidate.iou(other) > limit) {
                return false;
            }
        }
        return true;
    }

    private static double nominalIou(Placed partner, double cx, double cy, int w, int h) {
        return Annotation.iou(partner.x, partner.y, partner.w, partner.h, cx - w / 2.0, cy - h / 2.0, w, h);
    }

    private static int side(SceneSpec spec, Random random) {
        int min = minSide(spec);
        int max = maxSide(spec);
        return min + random.nextInt(max - min + 1);
    }

    /** A second side within ±20% of {@code w}, kept within the spec's limits. */
    private static int aspect(SceneSpec spec, int w, Random random) {
        return clampSide(spec, (int) Math.round(w * (0.8 + 0.4 * random.nextDouble())));
    }

    private static int clampSide(SceneSpec spec, int side) {
        return Math.max(minSide(spec), Math.min(maxSide(spec), side));
    }

    private static int minSide(SceneSpec spec) {
        return (int) Math.round(spec.minSide() * spec.size());
    }

    private static int maxSide(SceneSpec spec) {
        return Math.max(minSide(spec), (int) Math.round(spec.maxSide() * spec.size()));
    }

    /** A base colour with a linear gradient in a random direction, per channel, as doubles in 0–255. */
    private static double[][] background(SceneSpec spec, Random random) {
        int size = spec.size();
        double[][] canvas = new double[3][size * size];
        double angle = 2 * Math.PI * random.nextDouble();
        double gx = StrictMath.cos(angle) / size;
        double gy = StrictMath.sin(angle) / size;
        for (int c = 0; c < 3; c++) {
            double base = 70 + 110 * random.nextDouble();
            double slope = 60 * (random.nextDouble() - 0.5);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    canvas[c][y * size + x] = base + slope * ((x - size / 2.0) * gx + (y - size / 2.0) * gy);
                }
            }
        }
        return canvas;
    }

    /** Blends the object's textured fill into the canvas and draws its one-pixel outline opaque. */
    private static void draw(SceneSpec spec, Placed object, double[][] canvas, Random random) {
        int size = spec.size();
        double[] colour = colour(canvas, object, size, random);
        int kind = random.nextInt(3); // 0 flat, 1 stripes, 2 speckle
        double amplitude = 45 * spec.texture();
        double period = 3 + 5 * random.nextDouble();
        double angle = Math.PI * random.nextDouble();
        double sx = StrictMath.cos(angle) * 2 * Math.PI / period;
        double sy = StrictMath.sin(angle) * 2 * Math.PI / period;
        for (int j = 0; j < object.h; j++) {
            for (int i = 0; i < object.w; i++) {
                if (!object.mask.inside[j * object.w + i]) {
                    continue;
                }
                int px = object.x + i;
                int py = object.y + j;
                boolean edge = !object.inside(px - 1, py) || !object.inside(px + 1, py)
                        || !object.inside(px, py - 1) || !object.inside(px, py + 1);
                double shade = switch (kind) {
                    case 1 -> amplitude * StrictMath.sin(i * sx + j * sy);
                    case 2 -> amplitude * (random.nextDouble() - 0.5);
                    default -> 0;
                };
                int p = py * size + px;
                for (int c = 0; c < 3; c++) {
                    if (edge) {
                        canvas[c][p] = colour[c] * 0.45;
                    } else {
                        double fill = colour[c] + shade;
                        canvas[c][p] = spec.opacity() * fill + (1 - spec.opacity()) * canvas[c][p];
                    }
                }
            }
        }
    }

    /** A random colour far (in RGB distance) from the canvas under the object's centre. */
    private static double[] colour(double[][] canvas, Placed object, int size, Random random) {
        int centre = (object.y + object.h / 2) * size + object.x + object.w / 2;
        double[] best = null;
        double bestDistance = -1;
        for (int attempt = 0; attempt < 8; attempt++) {
            double[] colour = {255 * random.nextDouble(), 255 * random.nextDouble(), 255 * random.nextDouble()};
            double distance = 0;
            for (int c = 0; c < 3; c++) {
                double d = colour[c] - canvas[c][centre];
                distance += d * d;
            }
            if (distance > bestDistance) {
                best = colour;
                bestDistance = distance;
            }
            if (distance >= 120 * 120) {
                break;
            }
        }
        return best;
    }
}
