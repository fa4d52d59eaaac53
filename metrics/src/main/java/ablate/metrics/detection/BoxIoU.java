package ablate.metrics.detection;

/**
 * Overlap measures of two axis-aligned boxes {@code [x1, y1, x2, y2]}, with the formulas of their papers:
 * IoU; GIoU (Rezatofighi et al. 2019) = IoU − (C − U)/C with C the smallest enclosing box; DIoU (Zheng et al. 2020)
 * = IoU − ρ²/c² with ρ the distance between the centres and c the enclosing box's diagonal; CIoU = DIoU − αv with
 * v = 4/π²·(atan(w_b/h_b) − atan(w_a/h_a))² and α = v/((1 − IoU) + v).
 * Boxes are continuous (width = x2 − x1) unless {@code offset} is 1, the legacy pixel convention
 * (width = x2 − x1 + 1). Degenerate cases: IoU of boxes whose union is empty is 0, and α is 0 when v is 0.
 */
public final class BoxIoU {
    private BoxIoU() {
    }

    public static double iou(double[] a, double[] b) {
        return iou(a, b, 0);
    }

    public static double iou(double[] a, double[] b, double offset) {
        double inter = intersection(a, b, offset);
        double union = area(a, offset) + area(b, offset) - inter;
        return union > 0 ? inter / union : 0;
    }

    public static double giou(double[] a, double[] b) {
        return giou(a, b, 0);
    }

    public static double diou(double[] a, double[] b) {
        return diou(a, b, 0);
    }

    public static double ciou(double[] a, double[] b) {
        return ciou(a, b, 0);
    }

    public static double giou(double[] a, double[] b, double offset) {
        double inter = intersection(a, b, offset);
        double union = area(a, offset) + area(b, offset) - inter;
        double iou = union > 0 ? inter / union : 0;
        double enclosing = (Math.max(a[2], b[2]) - Math.min(a[0], b[0]) + offset)
                * (Math.max(a[3], b[3]) - Math.min(a[1], b[1]) + offset);
        return enclosing > 0 ? iou - (enclosing - union) / enclosing : iou;
    }

    public static double diou(double[] a, double[] b, double offset) {
        return iou(a, b, offset) - centreDistancePenalty(a, b, offset);
    }

    public static double ciou(double[] a, double[] b, double offset) {
        double iou = iou(a, b, offset);
        double wa = a[2] - a[0] + offset;
        double ha = a[3] - a[1] + offset;
        double wb = b[2] - b[0] + offset;
        double hb = b[3] - b[1] + offset;
        double angle = Math.atan(wb / hb) - Math.atan(wa / ha);
        double v = 4 / (Math.PI * Math.PI) * angle * angle;
        double alpha = v == 0 ? 0 : v / ((1 - iou) + v);
        return iou - centreDistancePenalty(a, b, offset) - alpha * v;
    }

    /** ρ²/c²: squared centre distance over the squared diagonal of the enclosing box (0 when that diagonal is 0). */
    private static double centreDistancePenalty(double[] a, double[] b, double offset) {
        double dx = (a[0] + a[2]) / 2 - (b[0] + b[2]) / 2;
        double dy = (a[1] + a[3]) / 2 - (b[1] + b[3]) / 2;
        double cw = Math.max(a[2], b[2]) - Math.min(a[0], b[0]) + offset;
        double ch = Math.max(a[3], b[3]) - Math.min(a[1], b[1]) + offset;
        double diagonal = cw * cw + ch * ch;
        return diagonal > 0 ? (dx * dx + dy * dy) / diagonal : 0;
    }

    static double area(double[] box, double offset) {
        return Math.max(0, box[2] - box[0] + offset) * Math.max(0, box[3] - box[1] + offset);
    }

    static double intersection(double[] a, double[] b, double offset) {
        double w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]) + offset;
        double h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]) + offset;
        return w > 0 && h > 0 ? w * h : 0;
    }
}
