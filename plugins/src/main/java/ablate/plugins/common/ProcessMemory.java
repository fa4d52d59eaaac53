package ablate.plugins.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's peak resident memory (Linux {@code VmHWM}), which a task reports as its trial's memory cost since
 * each trial has a process of its own. Resettable: writing 5 to {@code /proc/self/clear_refs} sets the peak back to
 * the current resident size (Linux 4.0+), so a stage (fine-tuning) is measured without the work before it in the same
 * process (pretraining).
 */
public final class ProcessMemory {
    private ProcessMemory() {
    }

    /** Starts a new peak; false where the kernel does not allow it (the peak then covers the whole process). */
    public static boolean resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Peak resident bytes since the start or the last {@link #resetPeak}; -1 where it cannot be read. */
    public static long peakBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
