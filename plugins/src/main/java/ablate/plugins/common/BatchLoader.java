package ablate.plugins.common;

import ablate.datasets.ImageSet;
import ablate.datasets.Normalization;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;

/**
 * Batches of an {@link ImageSet} in a given order, prepared on a background thread while the caller's step
 * computes (double buffering). Batch {@code k} holds the images {@code order[k·size .. min((k+1)·size, n))}, so
 * the sequence is as deterministic as the order. Each batch is a pair of reusable direct buffers (float32
 * images, int32 labels) that a CPU array wraps without a copy: a batch is valid until the next {@link #next}
 * or {@link #close}, after which its buffers are refilled — so the arrays made from it must be closed by then,
 * which {@link Steps} does.
 */
public final class BatchLoader implements AutoCloseable {
    /** Buffers in flight: the one the step reads and the one being filled. */
    static final int BUFFERS = 2;
    private static final Batch FAILED = new Batch(new Shape(0), 0);

    private final int batches;
    private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Batch> ready = new ArrayBlockingQueue<>(BUFFERS);
    private final Thread worker;
    private volatile RuntimeException failure;
    private Batch current;
    private int taken;

    /**
     * @param order     indices into {@code images}, in batch order
     * @param batchSize images per batch (the last one may be smaller)
     * @param batches   how many batches to produce: at most {@code ceil(order.length / batchSize)}
     */
    public BatchLoader(ImageSet images, Normalization normalization, int[] order, int batchSize, int batches) {
        if (batchSize < 1 || batches < 0) {
            throw new IllegalArgumentException("batch size must be positive and batches not negative, got "
                    + batchSize + " and " + batches);
        }
        if (batches > 0 && (long) (batches - 1) * batchSize >= order.length) {
            throw new IllegalArgumentException(batches + " batches of " + batchSize + " need more than "
                    + (long) (batches - 1) * batchSize + " indices, the order has " + order.length);
        }
        this.batches = batches;
        Shape image = new Shape(images.channels(), images.height(), images.width());
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new Batch(image, batchSize));
        }
        worker = new Thread(() -> produce(images, normalization, order, batchSize), "ablate-batches");
        worker.setDaemon(true);
        worker.start();
    }

    private void produce(ImageSet images, Normalization normalization, int[] order, int batchSize) {
        float[] pixels = new float[batchSize * images.imageSize()];
        int[] labels = new int[batchSize];
        try {
            for (int k = 0; k < batches; k++) {
                Batch batch = free.take();
                int from = k * batchSize;
                int count = Math.min(batchSize, order.length - from);
                images.fill(order, from, count, pixels, normalization);
                for (int i = 0; i < count; i++) {
                    labels[i] = images.label(order[from + i]);
                }
                batch.load(pixels, labels, count);
                ready.put(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed early: stop quietly
        } catch (RuntimeException e) {
            failure = e;
            ready.offer(FAILED); // the failing batch's buffer is not in ready, so there is room
        }
    }

    public boolean hasNext() {
        return taken < batches;
    }

    /** The next batch, waiting for it if the background thread is behind; the previous batch becomes invalid. */
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("all " + batches + " batches were taken");
        }
        if (current != null) {
            free.add(current);
            current = null;
        }
        Batch batch;
        try {
            batch = ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for a batch");
        }
        if (batch == FAILED) {
            throw new IllegalStateException("preparing batch " + taken + " failed: " + failure.getMessage(), failure);
        }
        taken++;
        current = batch;
        return batch;
    }

    @Override
    public void close() {
        worker.interrupt();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One batch: images and labels in direct native-order buffers, reused from batch to batch. */
    public static final class Batch {
        private final Shape image;
        private final ByteBuffer pixels;
        private final ByteBuffer labels;
        private int count;

        Batch(Shape image, int capacity) {
            this.image = image;
            pixels = ByteBuffer.allocateDirect(Math.toIntExact(capacity * image.size() * Float.BYTES))
                    .order(ByteOrder.nativeOrder());
            labels = ByteBuffer.allocateDirect(capacity * Integer.BYTES).order(ByteOrder.nativeOrder());
        }

        void load(float[] pixelData, int[] labelData, int n) {
            pixels.clear();
            pixels.asFloatBuffer().put(pixelData, 0, Math.toIntExact(n * image.size()));
            labels.clear();
            labels.asIntBuffer().put(labelData, 0, n);
            count = n;
        }

        /** Images in this batch. */
        public int size() {
            return count;
        }

        /** The images as a float32 (N, C, H, W) array of {@code manager} (on the CPU, a view of the buffer). */
        public NDArray images(NDManager manager) {
            return manager.create(pixels.slice(0, Math.toIntExact(count * image.size() * Float.BYTES)),
                    new Shape(count).addAll(image), DataType.FLOAT32);
        }

        /** The labels as an int32 (N) array of {@code manager}. */
        public NDArray labels(NDManager manager) {
            return manager.create(labels.slice(0, count * Integer.BYTES), new Shape(count), DataType.INT32);
        }
    }
}
