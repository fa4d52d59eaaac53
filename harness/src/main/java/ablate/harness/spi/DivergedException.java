package ablate.harness.spi;

/** The loss became NaN or infinite: the trial is recorded as {@code diverged}, not failed. */
public class DivergedException extends RuntimeException {
    public DivergedException(String message) {
        super(message);
    }
}
