package ablate.harness.spi;

/**
 * Training budget of every trial of a suite.
 *
 * @param epochs       passes over the training data
 * @param batchSize    examples per step
 * @param learningRate peak learning rate
 * @param schedule     {@code constant}, {@code cosine} or {@code step}
 * @param optimizer    {@code sgd} (momentum 0.9, Nesterov off) or {@code adam}
 * @param weightDecay  L2 penalty
 */
public record Budget(int epochs, int batchSize, double learningRate, String schedule, String optimizer,
                     double weightDecay) {
    public static final Budget DEFAULT = new Budget(3, 64, 0.05, "cosine", "sgd", 5e-4);
}
