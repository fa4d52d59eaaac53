package ablate.metrics.image;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Reference values from scikit-image 0.19.3 (Debian python3-skimage, /usr/bin/python3) on the integer test pattern
 * {@link #pattern} (the same formula in Python on a uint8 array):
 * <pre>
 * ssim = lambda a, b: structural_similarity(a, b, gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=255)
 * A, B = img(31, 23, 1), img(31, 23, 2); C = (A//2 + B//2)
 * ssim(A, B) = 0.10970028898890641; peak_signal_noise_ratio(A, B, data_range=255) = 9.473656297658975; ssim(A, C) = 0.7102109814274914
 * R = stack(img(16,12,3), img(16,12,4), img(16,12,5)); S = stack(img(16,12,6), img(16,12,4), img(16,12,7))
 * ssim(R, S, channel_axis=-1) = 0.4172575515567676; peak_signal_noise_ratio(R, S, data_range=255) = 9.275838768471377
 * yR, yS = rgb2ycbcr(R)[..., 0], rgb2ycbcr(S)[..., 0]: ssim = 0.7353667610095243, psnr = 17.550050219447975, yR[0,0] = 105.55468235294119
 * </pre>
 */
class ImageQualityTest {

    static Plane pattern(int w, int h, int seed) {
        double[] v = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                long hash = ((long) x * y + seed) * 2654435761L % 4093 % 61;
                v[y * w + x] = (x * 7 + y * 13 + hash + seed * 17L) % 256;
            }
        }
        return new Plane(w, h, v);
    }

    @Test
    void grayMatchesSkimage() {
        Plane a = pattern(31, 23, 1);
        Plane b = pattern(31, 23, 2);
        double[] c = new double[a.values().length];
        for (int i = 0; i < c.length; i++) {
            c[i] = Math.floor(a.values()[i] / 2) + Math.floor(b.values()[i] / 2);
        }
        assertThat(ImageQuality.ssim(a, b, 255)).isCloseTo(0.10970028898890641, within(1e-14));
        assertThat(ImageQuality.ssim(a, new Plane(31, 23, c), 255)).isCloseTo(0.7102109814274914, within(1e-14));
        assertThat(ImageQuality.psnr(a, b, 255)).isCloseTo(9.473656297658975, within(1e-12));
    }

    @Test
    void rgbAndLumaMatchSkimage() {
        Plane[] r = {pattern(16, 12, 3), pattern(16, 12, 4), pattern(16, 12, 5)};
        Plane[] s = {pattern(16, 12, 6), pattern(16, 12, 4), pattern(16, 12, 7)};
        double ssim = 0;
        double mse = 0;
        for (int ch = 0; ch < 3; ch++) {
            ssim += ImageQuality.ssim(r[ch], s[ch], 255) / 3;
            mse += ImageQuality.mse(r[ch], s[ch]) / 3;
        }
        assertThat(ssim).isCloseTo(0.4172575515567676, within(1e-14));
        assertThat(ImageQuality.psnrFromMse(mse, 255)).isCloseTo(9.275838768471377, within(1e-12));
        Plane yr = Plane.luma(r[0], r[1], r[2]);
        Plane ys = Plane.luma(s[0], s[1], s[2]);
        assertThat(yr.at(0, 0)).isCloseTo(105.55468235294119, within(1e-12));
        assertThat(ImageQuality.ssim(yr, ys, 255)).isCloseTo(0.7353667610095243, within(1e-12));
        assertThat(ImageQuality.psnr(yr, ys, 255)).isCloseTo(17.550050219447975, within(1e-12));
    }

    @Test
    void identicalImagesHaveInfinitePsnr() {
        Plane a = pattern(11, 11, 1);
        assertThat(ImageQuality.psnr(a, a, 255)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void smallOrMismatchedImagesAreErrors() {
        assertThatThrownBy(() -> ImageQuality.ssim(pattern(10, 20, 1), pattern(10, 20, 1), 255))
                .hasMessage("SSIM needs images of at least 11×11, got 10×20");
        assertThatThrownBy(() -> ImageQuality.psnr(pattern(12, 20, 1), pattern(10, 20, 1), 255))
                .hasMessage("images differ in size: 12×20 vs 10×20");
        assertThatThrownBy(() -> ImageQuality.msSsim(pattern(100, 200, 1), pattern(100, 200, 1), 255))
                .hasMessageContaining("at least 176×176");
    }

    @Test
    void cropRemovesTheBorder() {
        Plane p = pattern(6, 5, 1).crop(2);
        assertThat(p.width()).isEqualTo(2);
        assertThat(p.height()).isEqualTo(1);
        assertThat(p.at(1, 0)).isEqualTo(pattern(6, 5, 1).at(3, 2));
    }

    static Plane noisy(Plane p, double sigma, long seed) {
        Random random = new Random(seed);
        double[] v = p.values().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] += sigma * random.nextGaussian();
        }
        return new Plane(p.width(), p.height(), v);
    }

    @Property(tries = 20)
    void ssimOfAnImageWithItselfIsOne(@ForAll @IntRange(min = 11, max = 40) int w, @ForAll @IntRange(min = 11, max = 40) int h,
                                      @ForAll @IntRange(min = 0, max = 100) int seed) {
        Plane p = pattern(w, h, seed);
        assertThat(ImageQuality.ssim(p, p, 255)).isCloseTo(1.0, within(1e-12));
    }

    @Property(tries = 20)
    void psnrAndSsimFallAsNoiseGrows(@ForAll @IntRange(min = 0, max = 1000) int seed) {
        Plane p = pattern(24, 20, seed % 50);
        double previousPsnr = Double.POSITIVE_INFINITY;
        double previousSsim = 1.0000001;
        for (double sigma : new double[]{1, 4, 16, 64}) {
            Plane q = noisy(p, sigma, seed);
            double psnr = ImageQuality.psnr(p, q, 255);
            double ssim = ImageQuality.ssim(p, q, 255);
            assertThat(psnr).isLessThan(previousPsnr);
            assertThat(ssim).isLessThan(previousSsim);
            previousPsnr = psnr;
            previousSsim = ssim;
        }
    }

    @Test
    void msSsimIsOneForIdenticalImagesAndFallsWithNoise() {
        Plane p = pattern(180, 176, 3);
        assertThat(ImageQuality.msSsim(p, p, 255)).isCloseTo(1.0, within(1e-12));
        double low = ImageQuality.msSsim(p, noisy(p, 5, 1), 255);
        double high = ImageQuality.msSsim(p, noisy(p, 40, 1), 255);
        assertThat(low).isLessThan(1.0).isGreaterThan(high);
    }
}
