package ablate.harness.cli;

/**
 * A top-level CLI command contributed by any module: a picocli {@code @Command} class implementing
 * {@link java.util.concurrent.Callable Callable&lt;Integer&gt;}, listed in
 * {@code META-INF/services/ablate.harness.cli.Subcommand}. {@link Main} adds every one it finds.
 * Throw {@link ablate.harness.UserError} for bad input: Main turns it into one line on stderr and exit 2.
 */
public interface Subcommand {
}
