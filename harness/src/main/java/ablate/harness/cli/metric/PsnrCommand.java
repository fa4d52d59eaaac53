package ablate.harness.cli.metric;

import ablate.metrics.image.ImageQuality;
import ablate.metrics.image.Plane;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ablate metric psnr}. */
@Command(name = "psnr", mixinStandardHelpOptions = true,
        description = {"Peak signal-to-noise ratio 10*log10(L^2/MSE), as scikit-image's peak_signal_noise_ratio:",
                "the MSE of an RGB pair is over all three channels. Prints {\"psnr\": x}; identical images have an",
                "infinite PSNR, printed as the JSON string \"Infinity\".", ""})
final class PsnrCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ImagePair images;

    @Override
    public Integer call() {
        Plane[][] p = images.load();
        double mse = 0;
        for (int i = 0; i < p[0].length; i++) {
            mse += ImageQuality.mse(p[0][i], p[1][i]) / p[0].length;
        }
        ObjectNode out = Json.object();
        Json.put(out, "psnr", ImageQuality.psnrFromMse(mse, images.dataRange));
        return Json.print(spec.commandLine().getOut(), out);
    }
}
