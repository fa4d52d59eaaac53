package ablate.datasets;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * The IDX format of MNIST and Fashion-MNIST (big-endian): images are magic 2051, count, rows, columns, then
 * count·rows·columns unsigned bytes; labels are magic 2049, count, then count bytes. Files may be gzip-compressed
 * (recognised by their content, not their name).
 */
public final class Idx {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;
    static final int IMAGES_HEADER = 16;
    static final int LABELS_HEADER = 8;

    private Idx() {
    }

    /** Grayscale images of one IDX images file. */
    public record Images(byte[] pixels, int count, int rows, int columns) {
    }

    /** The bytes of a (possibly gzipped) file, decompressed. */
    public static byte[] read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** The bytes of a (possibly gzipped) stream, decompressed; {@code name} is used in error messages. */
    public static byte[] read(InputStream raw, String name) {
        try {
            BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
            in.mark(2);
            int first = in.read();
            int second = in.read();
            in.reset();
            if (first != 0x1f || second != 0x8b) {
                return in.readAllBytes();
            }
            try (InputStream unzipped = new GZIPInputStream(in, 1 << 16)) {
                return unzipped.readAllBytes();
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new DatasetException(name + ": corrupt or truncated gzip data (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new DatasetException(name + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Parses an IDX images file, checking its magic number and that its length matches its header. */
    public static Images parseImages(byte[] data, String name) {
        ByteBuffer header = header(data, IMAGES_HEADER, IMAGES_MAGIC, "images", name);
        int count = header.getInt();
        int rows = header.getInt();
        int columns = header.getInt();
        if (count < 0 || rows <= 0 || columns <= 0) {
            throw new DatasetException(name + ": bad IDX header (" + count + " images of " + rows + "x" + columns + ")");
        }
        long expected = IMAGES_HEADER + (long) count * rows * columns;
        checkLength(data, expected, name);
        byte[] pixels = new byte[(int) (expected - IMAGES_HEADER)];
        System.arraycopy(data, IMAGES_HEADER, pixels, 0, pixels.length);
        return new Images(pixels, count, rows, columns);
    }

    /** Parses an IDX labels file, checking its magic number, its length and that every label is below classes. */
    public static int[] parseLabels(byte[] data, int classes, String name) {
        ByteBuffer header = header(data, LABELS_HEADER, LABELS_MAGIC, "labels", name);
        int count = header.getInt();
        if (count < 0) {
            throw new DatasetException(name + ": bad IDX header (" + count + " labels)");
        }
        checkLength(data, LABELS_HEADER + (long) count, name);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = data[LABELS_HEADER + i] & 0xFF;
            if (labels[i] >= classes) {
                throw new DatasetException(name + ": label " + labels[i] + " of item " + i + " is not below " + classes);
            }
        }
        return labels;
    }

    /** Writes the images of a one-channel set as gzipped IDX (best compression, no timestamp). */
    public static void writeImages(ImageSet set, OutputStream out) throws IOException {
        if (set.channels() != 1) {
            throw new IllegalArgumentException("IDX images are single-channel, the set has " + set.channels());
        }
        ByteBuffer header = ByteBuffer.allocate(IMAGES_HEADER)
                .putInt(IMAGES_MAGIC).putInt(set.size()).putInt(set.height()).putInt(set.width());
        writeGzip(out, header.array(), set.pixelsView());
    }

    /** Writes the labels of a set as gzipped IDX. */
    public static void writeLabels(ImageSet set, OutputStream out) throws IOException {
        byte[] labels = new byte[set.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) set.label(i);
        }
        writeGzip(out, ByteBuffer.allocate(LABELS_HEADER).putInt(LABELS_MAGIC).putInt(labels.length).array(), labels);
    }

    private static void writeGzip(OutputStream out, byte[] header, byte[] body) throws IOException {
        GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        };
        gzip.write(header);
        gzip.write(body);
        gzip.finish();
    }

    /** The header after its magic number, which must be {@code magic}. */
    private static ByteBuffer header(byte[] data, int size, int magic, String kind, String name) {
        if (data.length < 4 || ByteBuffer.wrap(data).getInt() != magic) {
            throw new DatasetException(name + ": not an IDX " + kind + " file (magic number "
                    + (data.length < 4 ? "missing" : String.valueOf(ByteBuffer.wrap(data).getInt())) + ", expected "
                    + magic + ")");
        }
        if (data.length < size) {
            throw new DatasetException(name + ": " + data.length + " bytes, too short for an IDX header");
        }
        return ByteBuffer.wrap(data, 4, size - 4);
    }

    private static void checkLength(byte[] data, long expected, String name) {
        if (data.length != expected) {
            throw new DatasetException(name + ": " + data.length + " bytes, its IDX header implies " + expected
                    + (data.length < expected ? " (truncated)" : " (trailing data)"));
        }
    }
}
