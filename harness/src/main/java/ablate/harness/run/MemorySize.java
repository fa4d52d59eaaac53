package ablate.harness.run;

import ablate.harness.UserError;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code --trial-memory SIZE}: parsing and the default. */
public final class MemorySize {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)(?:i?b)?");

    private MemorySize() {
    }

    /** {@code 512m}, {@code 4g}, {@code 1.5GiB}; a plain number is MiB. */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new UserError("--trial-memory: expected a size such as 4g or 1500m, got '" + text + "'");
        }
        double value = Double.parseDouble(m.group(1));
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "g" -> 30;
            case "t" -> 40;
            default -> 20;
        };
        long bytes = (long) (value * (1L << shift));
        if (bytes < 128L << 20) {
            throw new UserError("--trial-memory " + text + " is below the 128 MiB a trial's JVM needs to start");
        }
        return bytes;
    }

    /** Three quarters of physical memory (a container's limit where there is one), shared among the jobs. */
    public static long defaultTrialMemory(int jobs) {
        long physical = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return Math.max(512L << 20, physical / 4 * 3 / Math.max(1, jobs));
    }

    public static String human(long bytes) {
        return bytes >= 10L << 30 ? (bytes >> 30) + " GiB" : (bytes >> 20) + " MiB";
    }
}
