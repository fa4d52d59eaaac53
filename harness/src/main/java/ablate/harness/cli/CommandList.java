package ablate.harness.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintStream;
import java.util.Map;

/**
 * What a command group ({@code ablate}, {@code ablate metric}, {@code ablate bench}) prints when given no
 * command: its commands, one line each, then how to get more. Every group does the same and exits 0, because
 * the listing is the answer to what was asked; a command that is given but unknown is bad input (exit 2).
 */
public final class CommandList {
    static final int WIDTH = 80;

    private CommandList() {
    }

    /** Prints the listing of {@code group}'s commands on {@code out}; returns the exit code, 0. */
    public static int print(CommandLine group, PrintStream out) {
        CommandSpec spec = group.getCommandSpec();
        Map<String, CommandLine> subs = group.getSubcommands();
        int width = subs.keySet().stream().mapToInt(String::length).max().orElse(0);
        out.println("Usage: " + spec.qualifiedName() + " COMMAND [OPTIONS...]");
        out.println();
        out.println("Commands:");
        subs.forEach((name, sub) -> out.println("  " + name + " ".repeat(width - name.length() + 2)
                + summary(sub.getCommandSpec())));
        out.println();
        out.println("'" + spec.qualifiedName() + " COMMAND --help' describes a command; '" + spec.qualifiedName()
                + " --help' shows the options and exit codes.");
        out.flush();
        return 0;
    }

    /** The command's header if it has one (one line by intent), else its description's first sentence, cut to fit. */
    static String summary(CommandSpec spec) {
        String[] header = spec.usageMessage().header();
        if (header.length > 0) {
            return header[0];
        }
        String[] description = spec.usageMessage().description();
        String text = description.length > 0 ? description[0] : "";
        int stop = text.indexOf(". ");
        text = stop > 0 ? text.substring(0, stop) : text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        for (String clause : new String[]{"; ", ": ", " ("}) {
            int at = text.indexOf(clause);
            if (text.length() > WIDTH && at > 10) {
                text = text.substring(0, at);
            }
        }
        if (text.length() > WIDTH) {
            text = text.substring(0, text.lastIndexOf(' ', WIDTH - 1)) + " ...";
        }
        return text;
    }
}
