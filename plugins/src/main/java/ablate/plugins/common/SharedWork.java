package ablate.plugins.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.MapperFeature;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Work that the trials of one seed share (a trained detector, model-selection evidence), computed once across the
 * trials of a results directory — threads of one process, trial processes, shards run into the same directory and
 * {@code --resume} — and reused bit for bit.
 *
 * <p>Two layers. In front, {@link SharedResults} in memory: a process running several trials reuses a value without
 * reading it again. Behind it, when the harness offers a cache directory, one file per key named by the SHA-256 of
 * the key (the canonical JSON of everything the work depends on, {@link #canonical}). A process that misses in
 * memory reads the file; if it is absent it takes an exclusive lock on {@code <name>.lock} (so that two processes
 * never compute one key twice), reads again (the lock holder may just have written it), and only then computes,
 * writing a temporary file moved into place atomically: a reader sees a whole entry or none. A crashed or cancelled
 * holder leaves no entry and its lock dies with it; the next trial computes. An entry that fails its checks (magic,
 * format, key, SHA-256 of its bytes, the codec) is recomputed and overwritten, never trusted. Without a directory
 * only the memory layer works, as before the harness ran trials in processes.
 *
 * <p>Lock files are left in place: deleting one while another process waits on it would let a third lock a
 * fresh file of the same name, and two processes would compute at once.
 */
public final class SharedWork<V> {
    /** Where a value came from: computed by this call, reused from this process's memory, or read from the cache. */
    public enum Source { COMPUTED, MEMORY, DISK }

    /** What {@link #get} returns. */
    public record Lookup<V>(V value, Source source) {
        public boolean computedHere() {
            return source == Source.COMPUTED;
        }
    }

    /** Writes a value to a stream and reads it back exactly (doubles as their bits). */
    public interface Codec<V> {
        void write(V value, DataOutputStream out) throws IOException;

        V read(DataInputStream in) throws IOException;
    }

    /** Version of the entry layout written by {@link #write}; bump to orphan every existing entry. */
    static final int LAYOUT = 1;
    private static final String MAGIC = "ablate shared work";
    private static final int DIGEST_BYTES = 32;
    private static final long LOCK_POLL_MS = 100;
    /** Sorted map keys and record properties: equal configurations give equal bytes in every process. */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final String kind;
    private final Codec<V> codec;
    private final SharedResults<Found<V>> memory;

    /** What the memory layer keeps: the value and whether it was computed (not read from the cache). */
    private record Found<V>(V value, boolean computed) {
    }

    /**
     * @param kind     names the work in file names ({@code detector-<sha256>.bin}); part of the hashed key too
     * @param capacity how many values the memory layer keeps
     */
    public SharedWork(String kind, int capacity, Codec<V> codec) {
        if (!kind.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("kind must be lower-case letters, digits and '-', got '" + kind + "'");
        }
        this.kind = kind;
        this.codec = codec;
        this.memory = new SharedResults<>(capacity);
    }

    /** The canonical JSON of {@code parts} (map keys and record components sorted): the text to hash. */
    public static String canonical(Map<String, ?> parts) {
        try {
            return CANONICAL.writeValueAsString(parts);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the cache key as JSON: " + e.getMessage(), e);
        }
    }

    /** The file name stem of {@code key}: kind, then the SHA-256 of the kind and the key, in hex. */
    public String name(String key) {
        return kind + "-" + HexFormat.of().formatHex(sha256().digest((kind + "\n" + key).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The value for {@code key}: from this process's memory, from {@code dir} (null: memory only), or computed now
     * by {@code compute}. {@code checkCancelled} is called while waiting for another trial or process computing
     * the same key, and throws when the caller's trial is cancelled.
     */
    public Lookup<V> get(String key, Path dir, Callable<V> compute, Runnable checkCancelled) throws Exception {
        String name = name(key);
        // The directory is part of the memory key so that every results directory gets its own entry.
        SharedResults.Lookup<Found<V>> hit = memory.get(List.of(String.valueOf(dir), name),
                () -> dir == null ? new Found<>(compute.call(), true) : fromDisk(key, dir, name, compute, checkCancelled),
                checkCancelled);
        Found<V> found = hit.value();
        Source source = !hit.computedHere() ? Source.MEMORY : found.computed() ? Source.COMPUTED : Source.DISK;
        return new Lookup<>(found.value(), source);
    }

    /** Forgets the values in memory (the files stay): a fresh process, as far as this cache is concerned. */
    public void clear() {
        memory.clear();
    }

    private Found<V> fromDisk(String key, Path dir, String name, Callable<V> compute, Runnable checkCancelled)
            throws Exception {
        Path entry = dir.resolve(name + ".bin");
        V value = read(entry, key);
        if (value != null) {
            return new Found<>(value, false);
        }
        Files.createDirectories(dir);
        try (FileChannel channel = FileChannel.open(dir.resolve(name + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock lock = lock(channel, checkCancelled);
            try {
                value = read(entry, key); // written by the process that held the lock before us?
                if (value != null) {
                    return new Found<>(value, false);
                }
                value = compute.call();
                try {
                    write(entry, key, value);
                } catch (IOException e) {
                    // the value is good; without the entry other processes compute it again, slower but correct
                    System.err.println("warning: cannot write the shared-work cache entry " + entry + ": " + e);
                }
                return new Found<>(value, true);
            } finally {
                lock.release();
            }
        }
    }

    /**
     * Waits for the exclusive lock, polling so that the waiting trial can stop when it is cancelled (a blocking
     * {@code lock()} could not notice). Within one process only one thread per key gets here (the memory layer
     * lets one compute); another thread of this JVM holding the lock (a second {@code SharedWork} over the same
     * directory, as in tests) shows up as {@link OverlappingFileLockException} and is waited for the same way.
     */
    private static FileLock lock(FileChannel channel, Runnable checkCancelled) throws IOException, InterruptedException {
        while (true) {
            checkCancelled.run();
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return lock;
                }
            } catch (OverlappingFileLockException e) {
                // held by another thread of this process: wait as for another process
            }
            Thread.sleep(LOCK_POLL_MS);
        }
    }

    /**
     * Entry layout: magic, layout version, key (UTF-8, length first), the codec's bytes, then the SHA-256 of
     * everything before it. Written to a temporary file in the same directory, forced to disk, then renamed.
     */
    private void write(Path entry, String key, V value) throws IOException {
        // not Files.createTempFile: its 0600 mode would survive the rename, and results files follow the umask
        Path tmp = entry.resolveSibling("." + entry.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Thread.currentThread().getId() + ".tmp");
        try {
            try (FileChannel file = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                MessageDigest digest = sha256();
                BufferedOutputStream buffered = new BufferedOutputStream(Channels.newOutputStream(file), 1 << 16);
                DataOutputStream out = new DataOutputStream(new DigestOutputStream(buffered, digest));
                out.writeUTF(MAGIC);
                out.writeInt(LAYOUT);
                byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
                out.writeInt(keyBytes.length);
                out.write(keyBytes);
                codec.write(value, out);
                out.flush();
                buffered.write(digest.digest());
                buffered.flush();
                file.force(true); // a crash after the rename must not leave a renamed but empty entry
            }
            Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp); // gone after a successful move
        }
    }

    /** The entry's value, or null if it is absent or fails any check (then it is recomputed and overwritten). */
    V read(Path entry, String key) {
        if (!Files.isRegularFile(entry)) {
            return null;
        }
        try {
            long size = Files.size(entry);
            if (size < DIGEST_BYTES || !digestMatches(entry, size)) {
                return null;
            }
            // the bytes are the ones written: decoding cannot meet a corrupt length or count
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(entry), 1 << 16))) {
                if (!MAGIC.equals(in.readUTF()) || in.readInt() != LAYOUT) {
                    return null;
                }
                int keyLength = in.readInt();
                if (keyLength < 0 || keyLength > size) {
                    return null;
                }
                byte[] stored = in.readNBytes(keyLength);
                if (!Arrays.equals(stored, key.getBytes(StandardCharsets.UTF_8))) {
                    return null; // another configuration under this hash: never trust it
                }
                return codec.read(in);
            }
        } catch (IOException | RuntimeException e) {
            return null; // unreadable or undecodable: recompute
        }
    }

    private static boolean digestMatches(Path entry, long size) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(entry), 1 << 16)) {
            long left = size - DIGEST_BYTES;
            DigestInputStream body = new DigestInputStream(in, digest);
            byte[] buffer = new byte[1 << 16];
            while (left > 0) {
                int n = body.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new EOFException();
                }
                left -= n;
            }
            return Arrays.equals(in.readNBytes(DIGEST_BYTES), digest.digest());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
