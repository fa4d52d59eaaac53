package ablate.results;

/** How a trial ended. */
public enum Status {
    PASSED, FAILED, DIVERGED, TIMED_OUT;

    public String label() {
        return name().toLowerCase().replace('_', ' ');
    }
}
