package ablate.plugins.finetuning;

import ablate.datasets.FashionMnist;
import ablate.datasets.ImageSet;
import ablate.harness.spi.DatasetSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The source and target tasks cut from one labelled image set by class: the source task is the classes in
 * {@code options.source-classes} (default the first half, Fashion-MNIST's T-shirt, trouser, pullover, dress and
 * coat), the target task the others (sandal, shirt, sneaker, bag, ankle boot), each relabelled 0..k-1. The source
 * training set takes {@code source-per-class} images of each source class, the target training set only
 * {@code target-per-class} of each target class (few labels: where PEFT matters); both test sets take every test
 * image of their classes. Samples are drawn from the seed; the source side does not depend on target settings.
 */
record FineTuningData(ImageSet sourceTrain, ImageSet sourceTest, ImageSet targetTrain, ImageSet targetTest,
                      String description) {
    static final int DEFAULT_SOURCE_PER_CLASS = 600;
    static final int DEFAULT_TARGET_PER_CLASS = 100;

    static FineTuningData load(DatasetSpec spec, Path dataDir, Map<String, Object> options, long seed) {
        FashionMnist.Split split = FashionMnist.load(spec.source(), dataDir, spec.train(), spec.test(), seed);
        int classes = split.train().numClasses();
        boolean[] source = sourceClasses(options, classes);
        int sourcePer = Options.integer(options, "source-per-class", DEFAULT_SOURCE_PER_CLASS);
        int targetPer = Options.integer(options, "target-per-class", DEFAULT_TARGET_PER_CLASS);
        ImageSet sTrain = select(split.train(), source, true, sourcePer, seed, "source-per-class");
        ImageSet tTrain = select(split.train(), source, false, targetPer, seed + 1, "target-per-class");
        ImageSet sTest = select(split.test(), source, true, -1, 0, null);
        ImageSet tTest = select(split.test(), source, false, -1, 0, null);
        String text = String.format(Locale.ROOT, "%s; source task %s (%,d training images), target task %s"
                        + " (%,d training images, %d per class; %,d test images)", split.description(),
                sTrain.classNames(), sTrain.size(), tTrain.classNames(), tTrain.size(), targetPer, tTest.size());
        return new FineTuningData(sTrain, sTest, tTrain, tTest, text);
    }

    /** The source classes as a mask; the rest are the target's. */
    static boolean[] sourceClasses(Map<String, Object> options, int classes) {
        boolean[] mask = new boolean[classes];
        Object raw = options.get("source-classes");
        if (raw == null) {
            for (int c = 0; c < classes / 2; c++) {
                mask[c] = true;
            }
            return mask;
        }
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("options.source-classes must be a list of class indices, got " + raw);
        }
        for (Object o : list) {
            if (!(o instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                    || n.doubleValue() < 0 || n.doubleValue() >= classes) {
                throw new IllegalArgumentException("options.source-classes: " + o + " is not a class index 0.."
                        + (classes - 1));
            }
            mask[((Number) o).intValue()] = true;
        }
        int count = 0;
        for (boolean b : mask) {
            count += b ? 1 : 0;
        }
        if (count < 2 || classes - count < 2) {
            throw new IllegalArgumentException("options.source-classes must leave at least 2 classes on each side, got "
                    + count + " source and " + (classes - count) + " target classes");
        }
        return mask;
    }

    /**
     * The images of the classes on one side of the mask, relabelled 0..k-1 in class order: {@code perClass} of each
     * (drawn from {@code seed}), or all of them for -1.
     */
    static ImageSet select(ImageSet set, boolean[] source, boolean sourceSide, int perClass, long seed, String option) {
        int classes = set.numClasses();
        int[] counts = set.classCounts();
        int[] newLabel = new int[classes];
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            if (source[c] == sourceSide) {
                newLabel[c] = names.size();
                names.add(set.classNames().get(c));
                if (perClass > counts[c]) {
                    throw new IllegalArgumentException("options." + option + " = " + perClass + ", but class '"
                            + set.classNames().get(c) + "' has " + counts[c] + " training images");
                }
                counts[c] = perClass < 0 ? counts[c] : perClass;
            } else {
                counts[c] = 0;
            }
        }
        int[] picked = set.sampleByClass(counts, seed);
        ImageSet subset = set.subset(picked);
        int size = subset.imageSize();
        byte[] pixels = new byte[subset.size() * size];
        int[] labels = new int[subset.size()];
        for (int i = 0; i < subset.size(); i++) {
            System.arraycopy(subset.image(i), 0, pixels, i * size, size);
            labels[i] = newLabel[subset.label(i)];
        }
        return new ImageSet(pixels, labels, names, set.channels(), set.height(), set.width());
    }
}
