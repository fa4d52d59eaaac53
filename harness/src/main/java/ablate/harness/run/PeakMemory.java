package ablate.harness.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak resident memory of this process (Linux {@code VmHWM}), resettable through {@code /proc/self/clear_refs}.
 * Covers native (libtorch) memory as well as the Java heap. With several trials at once it is shared by them.
 */
public final class PeakMemory {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private PeakMemory() {
    }

    /** Starts a new peak window where the kernel allows it. */
    public static void reset() {
        try {
            Files.writeString(CLEAR_REFS, "5");
        } catch (IOException | SecurityException ignored) {
            // not Linux, or not permitted: the peak then covers the whole process lifetime
        }
    }

    /** Peak resident bytes since the last reset, or -1 where unknown. */
    public static long bytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // fall through
        }
        return -1;
    }
}
