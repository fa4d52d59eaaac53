package ablate.harness.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads why a trial process died: the JVM's crash report, the log, the exit status. */
final class CrashReports {
    private static final Pattern SIGNAL = Pattern.compile("^#\\s+(SIG[A-Z]+)\\b");
    private static final Map<Integer, String> SIGNALS = Map.of(4, "SIGILL", 6, "SIGABRT", 7, "SIGBUS", 8, "SIGFPE",
            9, "SIGKILL", 11, "SIGSEGV", 15, "SIGTERM");

    private CrashReports() {
    }

    /** The signal an hs_err report names (a JVM aborts after a fatal signal, so the exit status says SIGABRT). */
    static String signal(Path hsErr, int exitCode) {
        try (Stream<String> lines = Files.lines(hsErr)) {
            return lines.limit(40).map(SIGNAL::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst()
                    .orElseGet(() -> describeExit(exitCode));
        } catch (IOException | java.io.UncheckedIOException e) {
            return describeExit(exitCode);
        }
    }

    /** {@code "killed by SIGKILL"} for 128+n statuses, else {@code "exit code N"}. */
    static String describeExit(int code) {
        if (code > 128 && code < 160) {
            String name = SIGNALS.getOrDefault(code - 128, "signal " + (code - 128));
            return "killed by " + name + (code - 128 == 9 ? ", e.g. by the system when memory ran out" : "")
                    + ", exit " + code;
        }
        return "exit code " + code;
    }

    /** "OutOfMemoryError: ..." where the log shows the JVM ran out of memory outside the trial's own thread. */
    static String javaOutOfMemory(Path log) {
        if (log == null || !Files.isRegularFile(log)) {
            return null;
        }
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("java.lang.OutOfMemoryError")).findFirst()
                    .map(l -> l.substring(l.indexOf("java.lang.OutOfMemoryError") + "java.lang.".length()).trim())
                    .orElse(null);
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
    }
}
