package ablate.plugins.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A fresh {@code SharedWork} over the same directory stands for another trial process. */
class SharedWorkTest {
    private static final Runnable NEVER_CANCELLED = () -> { };
    /** Values whose exactness matters: NaN, −0, the smallest subnormal, a double with no short decimal form. */
    private static final double[] VALUES = {Math.PI, -0.0, Double.NaN, Double.MIN_VALUE, 0.1 + 0.2, 1e300};

    /** Doubles as their bits, as the real codecs write them. */
    private static final SharedWork.Codec<double[]> DOUBLES = new SharedWork.Codec<>() {
        @Override
        public void write(double[] value, DataOutputStream out) throws IOException {
            out.writeInt(value.length);
            for (double v : value) {
                out.writeDouble(v);
            }
        }

        @Override
        public double[] read(DataInputStream in) throws IOException {
            double[] v = new double[in.readInt()];
            for (int i = 0; i < v.length; i++) {
                v[i] = in.readDouble();
            }
            return v;
        }
    };

    @TempDir
    Path dir;

    private static SharedWork<double[]> process() {
        return new SharedWork<>("test", 4, DOUBLES);
    }

    @Test
    void anotherProcessLoadsTheEntryBitForBitInsteadOfComputing() throws Exception {
        AtomicInteger computations = new AtomicInteger();
        SharedWork<double[]> first = process();
        var computed = first.get("k", dir, () -> {
            computations.incrementAndGet();
            return VALUES.clone();
        }, NEVER_CANCELLED);
        assertThat(computed.source()).isEqualTo(SharedWork.Source.COMPUTED);
        assertThat(computed.computedHere()).isTrue();
        assertThat(dir.resolve(first.name("k") + ".bin")).isRegularFile();
        assertThat(first.get("k", dir, () -> null, NEVER_CANCELLED).source()).isEqualTo(SharedWork.Source.MEMORY);

        var loaded = process().get("k", dir, () -> {
            computations.incrementAndGet();
            return new double[0];
        }, NEVER_CANCELLED);
        assertThat(loaded.source()).isEqualTo(SharedWork.Source.DISK);
        assertThat(loaded.computedHere()).isFalse();
        assertThat(computations).hasValue(1);
        for (int i = 0; i < VALUES.length; i++) {
            assertThat(Double.doubleToRawLongBits(loaded.value()[i])).as("value %d", i)
                    .isEqualTo(Double.doubleToRawLongBits(VALUES[i]));
        }
        try (var files = Files.list(dir)) { // the entry and its lock, no temporary file left behind
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly(first.name("k") + ".bin", first.name("k") + ".lock");
        }
    }

    @Test
    void twoProcessesRacingOnOneKeyComputeItOnce() throws Exception {
        AtomicInteger computations = new AtomicInteger();
        CountDownLatch computing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<SharedWork.Lookup<double[]>> a = pool.submit(() -> process().get("k", dir, () -> {
                computations.incrementAndGet();
                computing.countDown();
                release.await();
                return VALUES.clone();
            }, NEVER_CANCELLED));
            computing.await();
            Future<SharedWork.Lookup<double[]>> b = pool.submit(() -> process().get("k", dir, () -> {
                computations.incrementAndGet();
                return new double[]{-1};
            }, NEVER_CANCELLED));
            Thread.sleep(300);
            assertThat(b.isDone()).as("waits on the file lock").isFalse();
            release.countDown();
            assertThat(a.get().source()).isEqualTo(SharedWork.Source.COMPUTED);
            assertThat(b.get().source()).isEqualTo(SharedWork.Source.DISK);
            assertThat(b.get().value()).isEqualTo(VALUES);
            assertThat(computations).hasValue(1);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    /** The real thing: another JVM holds the lock while it computes; this one waits, then loads. */
    @Test
    void aTrialInAnotherJvmComputesWhileThisOneWaitsThenLoads() throws Exception {
        Process other = otherProcess("finish");
        try {
            awaitComputing(other);
            AtomicInteger computations = new AtomicInteger();
            var here = process().get("k", dir, () -> {
                computations.incrementAndGet();
                return new double[]{-1};
            }, NEVER_CANCELLED);
            assertThat(here.source()).isEqualTo(SharedWork.Source.DISK);
            assertThat(here.value()).isEqualTo(VALUES);
            assertThat(computations).hasValue(0);
            assertThat(other.waitFor()).isZero();
            assertThat(new String(other.getInputStream().readAllBytes()).trim()).isEqualTo("COMPUTED");
        } finally {
            other.destroyForcibly();
        }
    }

    /** A process killed while computing leaves no entry, and the operating system releases its lock. */
    @Test
    void aJvmDyingWhileItComputesLeavesTheWorkToTheNext() throws Exception {
        Process other = otherProcess("crash");
        try {
            awaitComputing(other);
            var here = process().get("k", dir, VALUES::clone, NEVER_CANCELLED);
            assertThat(here.source()).isEqualTo(SharedWork.Source.COMPUTED);
            assertThat(other.waitFor()).isEqualTo(3);
        } finally {
            other.destroyForcibly();
        }
    }

    private Process otherProcess(String mode) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), OtherProcess.class.getName(),
                dir.toString(), mode).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static void awaitComputing(Process other) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = other.getInputStream().read(); c != '\n'; c = other.getInputStream().read()) {
            assertThat(c).as("the other process ended before computing").isNotNegative();
            line.append((char) c);
        }
        assertThat(line.toString()).isEqualTo("computing");
    }

    /** Another trial process: computes {@code k}, then finishes (printing the source) or dies mid-computation. */
    static final class OtherProcess {
        public static void main(String[] args) throws Exception {
            var found = process().get("k", Path.of(args[0]), () -> {
                System.out.println("computing");
                System.out.flush();
                Thread.sleep(700); // long enough for the test's process to start waiting on the lock
                if (args[1].equals("crash")) {
                    Runtime.getRuntime().halt(3);
                }
                return VALUES.clone();
            }, NEVER_CANCELLED);
            System.out.println(found.source());
        }
    }

    @Test
    void aTrialWaitingOnTheLockStopsWhenItIsCancelled() throws Exception {
        CountDownLatch computing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> holder = pool.submit(() -> process().get("k", dir, () -> {
                computing.countDown();
                release.await();
                return VALUES.clone();
            }, NEVER_CANCELLED));
            computing.await();
            AtomicInteger polls = new AtomicInteger();
            assertThatThrownBy(() -> process().get("k", dir, () -> VALUES.clone(), () -> {
                if (polls.incrementAndGet() > 3) {
                    throw new CancellationException("trial timed out");
                }
            })).isInstanceOf(CancellationException.class);
            assertThat(polls).hasValue(4);
            release.countDown();
            holder.get();
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aCorruptOrTruncatedOrForeignEntryIsRecomputedNotTrusted() throws Exception {
        AtomicInteger computations = new AtomicInteger();
        java.util.concurrent.Callable<double[]> compute = () -> {
            computations.incrementAndGet();
            return VALUES.clone();
        };
        SharedWork<double[]> cache = process();
        cache.get("k", dir, compute, NEVER_CANCELLED);
        Path entry = dir.resolve(cache.name("k") + ".bin");
        byte[] good = Files.readAllBytes(entry);

        byte[] flipped = good.clone();
        flipped[good.length - 40] ^= 1; // one bit of the payload
        Files.write(entry, flipped);
        assertThat(process().get("k", dir, compute, NEVER_CANCELLED).source()).isEqualTo(SharedWork.Source.COMPUTED);
        assertThat(Files.readAllBytes(entry)).as("overwritten with a good entry").isEqualTo(good);

        Files.write(entry, java.util.Arrays.copyOf(good, good.length / 2)); // a partial write
        assertThat(process().get("k", dir, compute, NEVER_CANCELLED).source()).isEqualTo(SharedWork.Source.COMPUTED);

        Files.write(dir.resolve(cache.name("other") + ".bin"), good); // a whole entry, but of another key
        var other = process().get("other", dir, () -> new double[]{7}, NEVER_CANCELLED);
        assertThat(other.source()).isEqualTo(SharedWork.Source.COMPUTED);
        assertThat(other.value()).containsExactly(7);

        assertThat(computations).hasValue(3);
        assertThat(process().get("k", dir, compute, NEVER_CANCELLED).source()).isEqualTo(SharedWork.Source.DISK);
    }

    @Test
    void theKeyIsCanonicalAndEveryPartOfItCounts() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("seed", 3L);
        a.put("dataset", Map.of("name", "synthetic-scenes", "options", Map.of("size", 48, "eval-crowding", List.of(1.0))));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("dataset", new java.util.TreeMap<>(Map.of("options", Map.of("eval-crowding", List.of(1.0), "size", 48),
                "name", "synthetic-scenes")));
        b.put("seed", 3L);
        SharedWork<double[]> cache = process();
        assertThat(SharedWork.canonical(a)).isEqualTo(SharedWork.canonical(b))
                .isEqualTo("{\"dataset\":{\"name\":\"synthetic-scenes\",\"options\":{\"eval-crowding\":[1.0],\"size\":48}},"
                        + "\"seed\":3}");
        assertThat(cache.name(SharedWork.canonical(a))).matches("test-[0-9a-f]{64}")
                .isEqualTo(cache.name(SharedWork.canonical(b)));
        b.put("seed", 4L);
        assertThat(cache.name(SharedWork.canonical(b))).isNotEqualTo(cache.name(SharedWork.canonical(a)));
        assertThat(new SharedWork<>("other", 1, DOUBLES).name("k")).isNotEqualTo(cache.name("k").replace("test", "other"));
    }

    @Test
    void withoutADirectoryOnlyMemoryIsShared() throws Exception {
        SharedWork<double[]> cache = process();
        assertThat(cache.get("k", null, VALUES::clone, NEVER_CANCELLED).source()).isEqualTo(SharedWork.Source.COMPUTED);
        assertThat(cache.get("k", null, VALUES::clone, NEVER_CANCELLED).source()).isEqualTo(SharedWork.Source.MEMORY);
        cache.clear();
        assertThat(cache.get("k", null, VALUES::clone, NEVER_CANCELLED).source()).isEqualTo(SharedWork.Source.COMPUTED);
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
