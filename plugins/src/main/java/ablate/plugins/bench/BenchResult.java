package ablate.plugins.bench;

/**
 * One timing of {@code ablate bench}; the JSON keys are those {@code bench/pytorch_resnet20.py --json} prints.
 *
 * @param msPerStep       wall time of the timed steps divided by their number
 * @param imagesPerSecond {@code batch · steps} over the wall time of the timed steps
 * @param cpuMsPerStep    CPU time of the whole process (all threads) during the timed steps, per step: less
 *                        sensitive than wall time to other processes on a busy machine, but it counts busy-waiting
 *                        of the engine's idle threads too
 * @param loadAverage     the system's 1-minute load average when the run ended (other work on the machine)
 */
public record BenchResult(String mode, String model, int batch, int steps, int warmup, int threads, String device,
                          String engine, double msPerStep, double imagesPerSecond, double cpuMsPerStep,
                          double loadAverage) {
}
