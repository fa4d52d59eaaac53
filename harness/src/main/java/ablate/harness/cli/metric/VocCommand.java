package ablate.harness.cli.metric;

import ablate.harness.UserError;
import ablate.metrics.detection.coco.CocoAnnotation;
import ablate.metrics.detection.coco.CocoCategory;
import ablate.metrics.detection.coco.CocoDetection;
import ablate.metrics.detection.voc.VocAp;
import ablate.metrics.detection.voc.VocDetection;
import ablate.metrics.detection.voc.VocObject;
import ablate.metrics.detection.voc.VocResult;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code ablate metric voc}. */
@Command(name = "voc", mixinStandardHelpOptions = true,
        description = {"PASCAL VOC average precision per category and its mean, as the devkit's Python port (voc_eval.py):",
                "a detection is a TP when its best-overlapping object of the image has IoU strictly above --iou, is not",
                "difficult and not yet taken; detections on difficult objects are ignored. All-point interpolation",
                "(VOC2010+) by default, the 11-point mean (VOC2007) with --use-07-metric.",
                "Input: the COCO formats (annotation file and results list, bbox [x, y, w, h]); an annotation with",
                "\"difficult\": 1, \"ignore\": 1 or \"iscrowd\": 1 is difficult. Prints {\"mAP\", \"perCategory\": [{\"id\",",
                "\"name\", \"AP\", \"positives\"}]}; a category without non-difficult objects has AP null and is left out of mAP.", ""})
final class VocCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--gt", required = true, paramLabel = "GT.json", description = "COCO-format annotation file.")
    Path gt;

    @Option(names = "--dt", required = true, paramLabel = "DT.json", description = "COCO-format results list.")
    Path dt;

    @Option(names = "--iou", defaultValue = "0.5", paramLabel = "T", description = "IoU a match must exceed (default: ${DEFAULT-VALUE}).")
    double iou;

    @Option(names = "--use-07-metric", description = "11-point interpolated AP of VOC2007 instead of the all-point AP.")
    boolean voc07;

    @Option(names = "--box-offset", defaultValue = "0", paramLabel = "0|1",
            description = "1: the devkit's pixel convention (width = x2 - x1 + 1) for IoU; 0: continuous boxes (default).")
    int boxOffset;

    @Override
    public Integer call() {
        if (boxOffset != 0 && boxOffset != 1) {
            throw new UserError("--box-offset must be 0 or 1, got " + boxOffset);
        }
        if (!(iou >= 0 && iou < 1)) {
            throw new UserError("--iou must be in [0, 1), got " + iou);
        }
        CocoJson.Truth truth = CocoJson.readTruth(gt);
        List<CocoDetection> results = CocoJson.readResults(dt);
        Set<Long> images = new HashSet<>(truth.truth().imageIds());
        Map<Long, String> names = new HashMap<>();
        List<Long> categoryIds = new ArrayList<>();
        for (CocoCategory c : truth.truth().categories()) {
            names.put(c.id(), c.name());
            categoryIds.add(c.id());
        }
        categoryIds.sort(Long::compare);
        List<VocObject> objects = new ArrayList<>();
        List<CocoAnnotation> annotations = truth.truth().annotations();
        for (int i = 0; i < annotations.size(); i++) {
            CocoAnnotation a = annotations.get(i);
            boolean difficult = a.crowd() || truth.difficult().get(i);
            objects.add(new VocObject(a.imageId(), a.categoryId(), a.x(), a.y(), a.x() + a.width(), a.y() + a.height(), difficult));
        }
        List<VocDetection> detections = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            CocoDetection d = results.get(i);
            if (!images.contains(d.imageId())) {
                throw new UserError(dt + ": detection " + i + ": image_id " + d.imageId() + " is not in the ground truth");
            }
            if (!names.containsKey(d.categoryId())) {
                throw new UserError(dt + ": detection " + i + ": category_id " + d.categoryId() + " is not in the ground truth");
            }
            detections.add(new VocDetection(d.imageId(), d.categoryId(), d.x(), d.y(), d.x() + d.width(), d.y() + d.height(), d.score()));
        }
        VocResult result = VocAp.evaluate(objects, detections, categoryIds, iou,
                voc07 ? VocAp.Interpolation.ELEVEN_POINT : VocAp.Interpolation.ALL_POINT, boxOffset);
        ObjectNode out = Json.object();
        Json.put(out, "mAP", result.mAP());
        ArrayNode list = out.putArray("perCategory");
        for (VocResult.CategoryAp c : result.perCategory()) {
            ObjectNode node = list.addObject().put("id", c.categoryId()).put("name", names.get(c.categoryId()));
            Json.put(node, "AP", c.ap());
            node.put("positives", c.positives());
        }
        return Json.print(spec.commandLine().getOut(), out);
    }
}
