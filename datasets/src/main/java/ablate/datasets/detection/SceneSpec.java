package ablate.datasets.detection;

import java.util.Locale;

/**
 * How {@link SyntheticScenes} draws its images. Object sides are fractions of the image side, so a spec keeps
 * its look at any {@link #size}. {@code crowding} is the chance that an object (after the first) is placed
 * as the partner of an earlier one (preferring one without a partner yet), so that their boxes overlap at an IoU
 * drawn from [{@code minIou}, {@code maxIou}]; apart from such pairs, no two boxes overlap at IoU above
 * {@code freeMaxIou}. At crowding 1 the objects come in overlapping pairs (and chains, when none is left alone).
 *
 * @param name            preset name, shown in descriptions
 * @param size            image width and height in pixels
 * @param classes         number of shape classes, the first {@code classes} of {@link Shape}
 * @param minObjects      fewest objects per image
 * @param maxObjects      most objects per image (fewer when no placement satisfies the overlap rules)
 * @param minSide         smallest object side, as a fraction of {@code size}
 * @param maxSide         largest object side, as a fraction of {@code size}
 * @param crowding        chance in [0, 1] that an object is placed to overlap an earlier one
 * @param minIou          lowest IoU of a crowded pair
 * @param maxIou          highest IoU of a crowded pair
 * @param freeMaxIou      highest IoU of any two boxes that are not a crowded pair
 * @param noise           standard deviation of the per-pixel Gaussian noise, in 8-bit levels
 * @param texture         strength in [0, 1] of the objects' stripe and speckle textures
 * @param opacity         opacity in (0, 1] of the objects' fill (outlines are opaque)
 */
public record SceneSpec(String name, int size, int classes, int minObjects, int maxObjects, double minSide,
                        double maxSide, double crowding, double minIou, double maxIou, double freeMaxIou,
                        double noise, double texture, double opacity) {
    public SceneSpec {
        require(size >= 16 && size <= 4096, "size", size, "between 16 and 4096");
        require(classes >= 1 && classes <= Shape.values().length, "classes", classes,
                "between 1 and " + Shape.values().length);
        require(minObjects >= 1, "minObjects", minObjects, "at least 1");
        require(maxObjects >= minObjects && maxObjects <= 1000, "maxObjects", maxObjects,
                "between minObjects (" + minObjects + ") and 1000");
        require(minSide > 0 && minSide * size >= 6, "minSide", minSide, "large enough for objects of 6 pixels");
        require(maxSide >= minSide && maxSide <= 1, "maxSide", maxSide, "between minSide (" + minSide + ") and 1");
        require(crowding >= 0 && crowding <= 1, "crowding", crowding, "in [0, 1]");
        require(minIou > 0 && minIou <= maxIou, "minIou", minIou, "in (0, maxIou]");
        require(maxIou < 1, "maxIou", maxIou, "below 1");
        require(freeMaxIou >= 0 && freeMaxIou <= maxIou, "freeMaxIou", freeMaxIou, "in [0, maxIou]");
        require(noise >= 0 && noise <= 128, "noise", noise, "in [0, 128]");
        require(texture >= 0 && texture <= 1, "texture", texture, "in [0, 1]");
        require(opacity > 0 && opacity <= 1, "opacity", opacity, "in (0, 1]");
    }

    /** Well separated objects: 96×96, 3 classes, 1–5 objects of 16–40 pixels, no crowding. */
    public static SceneSpec standard() {
        return new SceneSpec("standard", 96, 3, 1, 5, 1.0 / 6, 5.0 / 12, 0, 0.3, 0.7, 0.1, 6, 0.5, 0.8);
    }

    /** Crowded scenes: 96×96, 3 classes, 4–8 objects in pairs overlapping at IoU 0.3–0.7. */
    public static SceneSpec crowded() {
        return new SceneSpec("crowded", 96, 3, 4, 8, 1.0 / 6, 3.0 / 8, 1, 0.3, 0.7, 0.1, 6, 0.5, 0.8);
    }

    /** A preset by name: {@code standard} or {@code crowded}. */
    public static SceneSpec preset(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "standard" -> standard();
            case "crowded" -> crowded();
            default -> throw new IllegalArgumentException("scene preset '" + name + "' is not one of standard, crowded");
        };
    }

    public SceneSpec withSize(int size) {
        return new SceneSpec(name, size, classes, minObjects, maxObjects, minSide, maxSide, crowding, minIou, maxIou,
                freeMaxIou, noise, texture, opacity);
    }

    public SceneSpec withClasses(int classes) {
        return new SceneSpec(name, size, classes, minObjects, maxObjects, minSide, maxSide, crowding, minIou, maxIou,
                freeMaxIou, noise, texture, opacity);
    }

    public SceneSpec withObjects(int minObjects, int maxObjects) {
        return new SceneSpec(name, size, classes, minObjects, maxObjects, minSide, maxSide, crowding, minIou, maxIou,
                freeMaxIou, noise, texture, opacity);
    }

    /** The same scenes with another crowding level (for rising-crowding experiments). */
    public SceneSpec withCrowding(double crowding) {
        return new SceneSpec(name, size, classes, minObjects, maxObjects, minSide, maxSide, crowding, minIou, maxIou,
                freeMaxIou, noise, texture, opacity);
    }

    public SceneSpec withNoise(double noise, double texture) {
        return new SceneSpec(name, size, classes, minObjects, maxObjects, minSide, maxSide, crowding, minIou, maxIou,
                freeMaxIou, noise, texture, opacity);
    }

    /** Short description, e.g. {@code standard 96x96, 3 classes, 1-5 objects, crowding 0}. */
    public String describe() {
        return String.format(Locale.ROOT, "%s %dx%d, %d classes, %d-%d objects, crowding %s", name, size, size, classes,
                minObjects, maxObjects, trim(crowding));
    }

    static String trim(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static void require(boolean ok, String field, Object value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException("scene spec: " + field + " = " + value + " must be " + rule);
        }
    }
}
