package ablate.harness;

/**
 * A problem with the user's input (a file, a flag, a suite). The CLI prints its message as one line on
 * stderr and exits with code 2, without a stack trace; so the message must say what and where.
 */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
