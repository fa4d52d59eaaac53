package ablate.harness.cli.metric;

import ablate.harness.UserError;
import ablate.metrics.image.ImageQuality;
import ablate.metrics.image.Plane;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ablate metric ssim}. */
@Command(name = "ssim", mixinStandardHelpOptions = true,
        description = {"Structural similarity (Wang et al. 2004) as scikit-image's structural_similarity(gaussian_weights=True,",
                "sigma=1.5, use_sample_covariance=False, data_range=L): 11x11 Gaussian window, K1=0.01, K2=0.03, mean",
                "over the region where the window fits. RGB: the mean of the three channels' SSIM. Images smaller than",
                "11x11 are an error. Prints {\"ssim\": x}, or {\"msssim\": x} with --multiscale (5 scales, Wang et al. 2003,",
                "images of at least 176x176).", ""})
final class SsimCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ImagePair images;

    @Option(names = "--multiscale", description = "Multi-scale SSIM instead of SSIM.")
    boolean multiscale;

    @Override
    public Integer call() {
        Plane[][] p = images.load();
        double sum = 0;
        try {
            for (int i = 0; i < p[0].length; i++) {
                sum += multiscale ? ImageQuality.msSsim(p[0][i], p[1][i], images.dataRange)
                        : ImageQuality.ssim(p[0][i], p[1][i], images.dataRange);
            }
        } catch (IllegalArgumentException e) {
            throw new UserError(images.reference + ": " + e.getMessage());
        }
        ObjectNode out = Json.object();
        Json.put(out, multiscale ? "msssim" : "ssim", sum / p[0].length);
        return Json.print(spec.commandLine().getOut(), out);
    }
}
