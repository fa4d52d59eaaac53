package ablate.results;

/**
 * The price of a variant.
 *
 * @param trainableParams     parameters updated by the optimizer
 * @param totalParams         all parameters
 * @param macsPerSample       multiply-accumulates of one forward pass of one example (conv and linear layers)
 * @param trainSeconds        wall time of training
 * @param latencyMedianMs     median single-example inference latency after warm-up
 * @param latencyP95Ms        95th percentile of the same
 * @param peakMemoryBytes     peak resident memory of the process during the trial (-1 if unknown)
 */
public record Cost(long trainableParams, long totalParams, long macsPerSample, double trainSeconds,
                   double latencyMedianMs, double latencyP95Ms, long peakMemoryBytes) {
    public static final Cost NONE = new Cost(0, 0, 0, 0, 0, 0, -1);
}
