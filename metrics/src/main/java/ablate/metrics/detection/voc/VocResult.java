package ablate.metrics.detection.voc;

import java.util.List;

/**
 * Per-category VOC average precision and their mean. A category without a non-difficult object has AP NaN
 * (undefined, JSON null) and is left out of {@code mAP}; mAP is NaN when no category is defined.
 */
public record VocResult(double mAP, List<CategoryAp> perCategory) {
    public VocResult {
        perCategory = List.copyOf(perCategory);
    }

    /** {@code positives}: the number of non-difficult objects of the category. */
    public record CategoryAp(long categoryId, int positives, double ap) {
    }
}
