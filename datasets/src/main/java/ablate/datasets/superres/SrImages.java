package ablate.datasets.superres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Sets of high-resolution images for super-resolution: a folder of PNGs (every {@code *.png}, sorted by name), or
 * the small embedded set (photographs from scikit-image's data, public domain / CC0; see the NOTICE beside them).
 * Every image of a set must have the same channel count: a grey image among colour ones would be scored on
 * another luma than its neighbours.
 */
public final class SrImages {
    private static final String EMBEDDED = "/ablate/datasets/superres/";

    private SrImages() {
    }

    /** The embedded {@code train} or {@code test} split. */
    public static List<SrImage> embedded(String split) {
        List<SrImage> out = new ArrayList<>();
        try (InputStream index = SrImages.class.getResourceAsStream(EMBEDDED + split + "/index.txt")) {
            if (index == null) {
                throw new IllegalStateException("embedded super-resolution split '" + split + "' is missing from the jar");
            }
            for (String name : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (name.isBlank()) {
                    continue;
                }
                try (InputStream in = SrImages.class.getResourceAsStream(EMBEDDED + split + "/" + name.strip())) {
                    out.add(SrImage.read(name.strip(), in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return checked(out, "embedded " + split);
    }

    /** Every PNG of {@code dir}, sorted by file name. */
    public static List<SrImage> folder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": no such folder");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException(dir + ": cannot list: " + e.getMessage());
        }
        List<SrImage> out = new ArrayList<>();
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                out.add(SrImage.read(f.toString(), in));
            } catch (IOException e) {
                throw new IllegalArgumentException(f + ": cannot read: " + e.getMessage());
            }
        }
        return checked(out, dir.toString());
    }

    private static List<SrImage> checked(List<SrImage> images, String where) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException(where + ": no PNG images");
        }
        int channels = images.get(0).channels();
        for (SrImage i : images) {
            if (i.channels() != channels) {
                throw new IllegalArgumentException(i.name() + ": " + (i.channels() == 1 ? "a grey" : "a colour")
                        + " image in a set of " + (channels == 1 ? "grey" : "RGB") + " images (" + images.get(0).name()
                        + "); convert it so every image has the same channels");
            }
        }
        return List.copyOf(images);
    }
}
