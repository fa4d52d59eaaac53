package ablate.harness.cli.metric;

import ablate.harness.UserError;
import ablate.metrics.image.Plane;
import picocli.CommandLine.Option;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

/** Options shared by {@code psnr} and {@code ssim}: the two images, the channel choice, the data range and the crop. */
final class ImagePair {
    enum Channel { all, y }

    @Option(names = "--ref", required = true, paramLabel = "A.png", description = "Reference image (8-bit grayscale or RGB PNG).")
    Path reference;

    @Option(names = "--test", required = true, paramLabel = "B.png", description = "Image to score, same size.")
    Path test;

    @Option(names = "--data-range", defaultValue = "255", paramLabel = "L", description = "Data range L (default: ${DEFAULT-VALUE}).")
    double dataRange;

    @Option(names = "--channel", defaultValue = "all", paramLabel = "all|y",
            description = "all (default): the gray channel, or every RGB channel; y: BT.601 luma of RGB images, "
                    + "Y = 16 + (65.481 R + 128.553 G + 24.966 B)/255 as scikit-image's rgb2ycbcr (the super-resolution protocol).")
    Channel channel;

    @Option(names = "--crop-border", defaultValue = "0", paramLabel = "N",
            description = "Pixels cropped from every side before scoring (the super-resolution protocol crops the scale factor).")
    int cropBorder;

    /** {reference channels, test channels}, cropped and converted as asked. */
    Plane[][] load() {
        if (!(dataRange > 0)) {
            throw new UserError("--data-range must be > 0, got " + dataRange);
        }
        if (cropBorder < 0) {
            throw new UserError("--crop-border must be >= 0, got " + cropBorder);
        }
        BufferedImage a = Png.read(reference);
        BufferedImage b = Png.read(test);
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            throw new UserError(test + ": " + b.getWidth() + "×" + b.getHeight() + " differs from " + reference + ": "
                    + a.getWidth() + "×" + a.getHeight());
        }
        Plane[] pa = Png.channels(reference, a);
        Plane[] pb = Png.channels(test, b);
        if (pa.length != pb.length) {
            throw new UserError(test + ": " + pb.length + " channel(s) vs " + pa.length + " in " + reference);
        }
        if (channel == Channel.y) {
            if (pa.length != 3) {
                throw new UserError(reference + ": --channel y needs RGB images");
            }
            pa = new Plane[]{Plane.luma(pa[0], pa[1], pa[2])};
            pb = new Plane[]{Plane.luma(pb[0], pb[1], pb[2])};
        }
        try {
            for (int i = 0; i < pa.length; i++) {
                pa[i] = pa[i].crop(cropBorder);
                pb[i] = pb[i].crop(cropBorder);
            }
        } catch (IllegalArgumentException e) {
            throw new UserError("--crop-border: " + e.getMessage());
        }
        return new Plane[][]{pa, pb};
    }
}
