package ablate.datasets;

/**
 * Bad or missing data: a file that is absent, truncated, corrupt or inconsistent. The message is one line that
 * names the file and the problem (and, where there is one, the fix), so a CLI can print it as it is.
 */
public class DatasetException extends RuntimeException {
    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
