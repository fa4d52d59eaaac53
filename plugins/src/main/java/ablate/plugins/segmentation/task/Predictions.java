package ablate.plugins.segmentation.task;

import ablate.datasets.segmentation.LabelPng;
import ablate.datasets.segmentation.SegmentationSet;
import ablate.harness.spi.TrialContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes a trial's test predictions as 8-bit PNG label maps, {@code pred/NAME.png}, beside the ground truth,
 * {@code truth/NAME.png}, so that {@code ablate metric seg --gt DIR/truth --pred DIR/pred} re-scores them. The folder
 * is {@code seed<S>-<hash of the slots>} under the directory {@code options.write-predictions} names, or, with
 * {@code write-predictions: true}, under {@code <results>/predictions/} (the parent of the harness's cache
 * directory) or a temporary folder when the harness gives none.
 */
final class Predictions {
    private Predictions() {
    }

    static Path write(TrialContext ctx, SegmentationSet test, List<int[]> predictions) throws IOException {
        StringBuilder slots = new StringBuilder();
        for (String slot : List.of("model", "loss", "attention")) {
            var bound = ctx.slot(slot, ablate.harness.spi.Plugin.class);
            slots.append(slot).append('=').append(bound.plugin().info().id()).append(bound.params()).append(';');
        }
        String name = "seed" + ctx.seed() + "-" + sha(slots.toString()).substring(0, 12);
        Object option = ctx.options().get("write-predictions");
        Path dir = option instanceof String base ? Path.of(base).resolve(name)
                : ctx.cacheDir() != null ? ctx.cacheDir().toAbsolutePath().getParent().resolve("predictions").resolve(name)
                : Files.createTempDirectory("ablate-predictions-").resolve(name);
        Files.createDirectories(dir.resolve("pred"));
        Files.createDirectories(dir.resolve("truth"));
        for (int i = 0; i < test.size(); i++) {
            LabelPng.write(dir.resolve("pred").resolve(test.name(i)), predictions.get(i), test.width(), test.height());
            LabelPng.write(dir.resolve("truth").resolve(test.name(i)), test.labelMap(i), test.width(), test.height());
        }
        return dir;
    }

    private static String sha(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
