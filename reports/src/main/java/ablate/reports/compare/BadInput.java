package ablate.reports.compare;

/**
 * Bad input to {@code compare}, {@code history} or {@code export}: a missing, corrupt or newer-format file, results of
 * different suites, a tolerance on an unknown metric. The CLI turns it into one line on stderr and exit 2, so the
 * message names the file or key. (The reports module cannot see the harness's {@code UserError}.)
 */
public final class BadInput extends RuntimeException {
    public BadInput(String message) {
        super(message);
    }
}
