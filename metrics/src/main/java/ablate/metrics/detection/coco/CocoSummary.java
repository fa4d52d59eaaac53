package ablate.metrics.detection.coco;

import java.util.List;

/**
 * The 12 numbers of pycocotools' {@code COCOeval.summarize()} for boxes, in {@code stats} order, -1 where undefined,
 * and each category's AP (IoU .50:.95, area all, 100 detections; -1 for a category without non-crowd objects).
 */
public record CocoSummary(double ap, double ap50, double ap75, double apSmall, double apMedium, double apLarge,
                          double ar1, double ar10, double ar100, double arSmall, double arMedium, double arLarge,
                          List<CategoryAp> perCategory) {

    /** Names of the 12 numbers as the {@code ablate metric coco} JSON writes them, in {@code stats} order. */
    public static final List<String> KEYS = List.of("AP", "AP50", "AP75", "APs", "APm", "APl",
            "AR1", "AR10", "AR100", "ARs", "ARm", "ARl");

    public CocoSummary {
        perCategory = List.copyOf(perCategory);
    }

    public record CategoryAp(long categoryId, String name, double ap) {
    }

    static CocoSummary of(double[] s, List<CategoryAp> perCategory) {
        return new CocoSummary(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10], s[11], perCategory);
    }

    /** The numbers in {@code COCOeval.stats} order. */
    public double[] stats() {
        return new double[]{ap, ap50, ap75, apSmall, apMedium, apLarge, ar1, ar10, ar100, arSmall, arMedium, arLarge};
    }
}
