package ablate.plugins.superres.task;

import ablate.datasets.superres.MatlabResize;
import ablate.metrics.image.ImageQuality;
import ablate.metrics.image.Plane;
import ablate.plugins.common.NoGrad;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Restores the test images and scores them by the protocol: output ×255, clamped to [0, 255] and rounded to 8 bits,
 * then PSNR and SSIM (the metrics module's, equal to scikit-image's) on the luma against the HR luma, with
 * {@code scale} pixels cropped from every border; per image and their mean.
 */
final class SrEvaluation {
    static final double PEAK = 255;

    private SrEvaluation() {
    }

    /** Per-image and mean scores, and the restored 8-bit luma planes. */
    record Scores(List<Map<String, Object>> perImage, double psnrY, double ssimY, List<double[]> outputs) {
    }

    /**
     * The restored luma of {@code pair}, 8-bit values: the network's (block not null) or bicubic upscaling. The
     * network runs on the input mirrored by {@code margin} LR pixels ({@link SrPair#input}); the output is cropped back.
     */
    static double[] restore(Block block, NDManager parent, SrPair pair, boolean upsampled, int margin) {
        if (block == null) {
            return MatlabResize.toUint8(pair.upY());
        }
        ParameterStore store = new ParameterStore(parent, false);
        int pad = upsampled ? margin * pair.scale() : margin;
        int w = (upsampled ? pair.width() : pair.lrWidth()) + 2 * pad;
        int h = (upsampled ? pair.height() : pair.lrHeight()) + 2 * pad;
        int c = margin * pair.scale();   // HR pixels to crop from every side of the output
        float[] out;
        try (NDManager step = parent.newSubManager(); NoGrad off = NoGrad.enter()) {
            NDArray x = step.create(pair.input(upsampled, pad), new Shape(1, 1, h, w));
            NDArray y = block.forward(store, new NDList(x), false).singletonOrThrow();
            out = y.get(":, :, " + c + ":" + (c + pair.height()) + ", " + c + ":" + (c + pair.width())).toFloatArray();
        }
        if (out.length != pair.hrY().length) {
            throw new IllegalStateException("the network made " + out.length + " pixels of " + pair.name() + ", expected "
                    + pair.hrY().length + " (" + pair.width() + "×" + pair.height() + ")");
        }
        double[] y = new double[out.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = out[i] * PEAK;
        }
        return MatlabResize.toUint8(y);
    }

    static Scores score(List<SrPair> pairs, List<double[]> outputs) {
        List<Map<String, Object>> rows = new ArrayList<>();
        double psnr = 0;
        double ssim = 0;
        for (int i = 0; i < pairs.size(); i++) {
            SrPair p = pairs.get(i);
            Plane hr = new Plane(p.width(), p.height(), p.hrY()).crop(p.scale());
            Plane sr = new Plane(p.width(), p.height(), outputs.get(i)).crop(p.scale());
            double ps = ImageQuality.psnr(hr, sr, PEAK);
            double ss = ImageQuality.ssim(hr, sr, PEAK);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", shortName(p.name()));
            row.put("psnrY", ps);
            row.put("ssimY", ss);
            rows.add(row);
            psnr += ps;
            ssim += ss;
        }
        return new Scores(rows, psnr / pairs.size(), ssim / pairs.size(), outputs);
    }

    static String shortName(String name) {
        return java.nio.file.Path.of(name).getFileName().toString();
    }

    /**
     * A zoomed region of {@code pair}: the crop×crop window (on a grid of crop/2) with the most luma variance in the
     * HR image, so every variant is shown on the same detailed region; HR, bicubic and this output as base64 PNGs.
     */
    static Map<String, Object> crop(SrPair pair, double[] output, int crop) {
        int side = Math.min(crop, Math.min(pair.width(), pair.height()));
        int step = Math.max(1, side / 2);
        int bestX = 0;
        int bestY = 0;
        double best = -1;
        for (int y = 0; y + side <= pair.height(); y += step) {
            for (int x = 0; x + side <= pair.width(); x += step) {
                double v = variance(pair.hrY(), pair.width(), x, y, side);
                if (v > best) {
                    best = v;
                    bestX = x;
                    bestY = y;
                }
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", shortName(pair.name()));
        m.put("x", bestX);
        m.put("y", bestY);
        m.put("size", side);
        m.put("hr", png(MatlabResize.toUint8(pair.hrY()), pair.width(), bestX, bestY, side));
        m.put("bicubic", png(MatlabResize.toUint8(pair.upY()), pair.width(), bestX, bestY, side));
        m.put("output", png(output, pair.width(), bestX, bestY, side));
        return m;
    }

    private static double variance(double[] v, int w, int x0, int y0, int n) {
        double s = 0;
        double s2 = 0;
        for (int y = y0; y < y0 + n; y++) {
            for (int x = x0; x < x0 + n; x++) {
                double a = v[y * w + x];
                s += a;
                s2 += a * a;
            }
        }
        double m = s / (n * n);
        return s2 / (n * n) - m * m;
    }

    /** An n×n window of an 8-bit plane as a greyscale PNG, base64. */
    static String png(double[] plane, int w, int x0, int y0, int n) {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(n, n, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        int[] px = new int[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                px[y * n + x] = (int) plane[(y0 + y) * w + x0 + x];
            }
        }
        img.getRaster().setSamples(0, 0, n, n, 0, px);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
