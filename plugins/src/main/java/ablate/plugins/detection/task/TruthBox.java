package ablate.plugins.detection.task;

/** A ground-truth box for training, in the network's input pixels: corners and contiguous class index. */
public record TruthBox(double x1, double y1, double x2, double y2, int classIndex) {
    public double area() {
        return (x2 - x1) * (y2 - y1);
    }
}
