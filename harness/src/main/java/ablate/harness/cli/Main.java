package ablate.harness.cli;

import ablate.harness.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ServiceLoader;

/** Entry point of the {@code ablate} command. */
@Command(name = "ablate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Benchmarks deep-learning techniques against each other: trains every variant of a suite "
                + "over several seeds, tests the differences and writes a comparative HTML report.", ""},
        footer = {"", "Exit codes: 0 success, 1 some trials failed, 2 bad input, 3 internal error.",
                "Example: ablate run suites/quick.yaml"})
public final class Main implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
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
            return 2;
        });
        return cli;
    }

    private static int handleError(Exception ex, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (ex instanceof UserError || ex instanceof UncheckedIOException) {
            err.println("ablate: " + ex.getMessage());
            err.flush();
            return 2;
        }
        err.println("ablate: internal error: " + ex);
        if (System.getenv("ABLATE_DEBUG") != null) {
            ex.printStackTrace(err);
        } else {
            err.println("(set ABLATE_DEBUG=1 for the stack trace)");
        }
        err.flush();
        return 3;
    }
}
