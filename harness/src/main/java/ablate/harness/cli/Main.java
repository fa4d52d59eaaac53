package ablate.harness.cli;

import ablate.harness.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;

/** Entry point of the {@code ablate} command. */
@Command(name = "ablate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Benchmarks deep-learning techniques against each other: trains every variant of a suite "
                + "over several seeds, tests the differences and writes a comparative HTML report.", ""},
        footer = {"", "Exit codes (every command):",
                "  0  success; also 'ablate' with no command, which lists the commands",
                "  1  some trials failed, diverged or timed out (ablate run; see the report)",
                "  2  bad input: a suite, flag, file or data problem, told in one line on stderr",
                "  3  internal error: a bug in Ablate or a plugin (ABLATE_DEBUG=1 shows the stack trace)",
                "Example: ablate run suites/quick.yaml"})
public final class Main implements Callable<Integer> {
    /** Bad input: one line on stderr. */
    public static final int BAD_INPUT = 2;
    /** A bug: the message and, with ABLATE_DEBUG set, the stack trace. */
    public static final int INTERNAL_ERROR = 3;

    @Spec
    CommandSpec spec;

    /** Plain {@code ablate}: the commands, one line each (exit 0, as {@code ablate metric} and {@code ablate bench}). */
    @Override
    public Integer call() {
        return CommandList.print(spec.commandLine(), System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        for (Subcommand sub : ServiceLoader.load(Subcommand.class)) {
            cli.addSubcommand(sub);
        }
        cli.setExecutionExceptionHandler(Main::handleError);
        cli.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("ablate: " + ex.getMessage() + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help')");
            err.flush();
            return BAD_INPUT;
        });
        return cli;
    }

    private static int handleError(Exception ex, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (ex instanceof UserError || ex instanceof UncheckedIOException) {
            err.println("ablate: " + ex.getMessage());
            err.flush();
            return BAD_INPUT;
        }
        err.println("ablate: internal error: " + ex);
        if (System.getenv("ABLATE_DEBUG") != null) {
            ex.printStackTrace(err);
        } else {
            err.println("(set ABLATE_DEBUG=1 for the stack trace)");
        }
        err.flush();
        return INTERNAL_ERROR;
    }
}
