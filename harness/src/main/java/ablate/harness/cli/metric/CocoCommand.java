package ablate.harness.cli.metric;

import ablate.harness.UserError;
import ablate.metrics.detection.coco.CocoDetection;
import ablate.metrics.detection.coco.CocoEval;
import ablate.metrics.detection.coco.CocoSummary;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** {@code ablate metric coco}. */
@Command(name = "coco", mixinStandardHelpOptions = true,
        description = {"COCO box evaluation with the numbers of pycocotools' COCOeval (iouType='bbox', default parameters):",
                "AP at IoU .50:.05:.95 (numpy's linspace), 101 recall points, maxDets 1/10/100 per image and category,",
                "area ranges on the annotation's 'area', crowd regions, stable score order. Prints",
                "{\"AP\", \"AP50\", \"AP75\", \"APs\", \"APm\", \"APl\", \"AR1\", \"AR10\", \"AR100\", \"ARs\", \"ARm\", \"ARl\"},",
                "-1 where undefined (no ground truth in that setting), as COCOeval.stats.",
                "Every image and category of the annotation file counts; an empty results list scores 0.",
                "A detection whose image_id or category_id is not in the annotation file is an error.", ""})
final class CocoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--gt", required = true, paramLabel = "GT.json", description = "COCO annotation file (images, categories, annotations).")
    Path gt;

    @Option(names = "--dt", required = true, paramLabel = "DT.json", description = "COCO results list: [{image_id, category_id, bbox: [x, y, w, h], score}, ...].")
    Path dt;

    @Option(names = "--per-category", description = "Also print each category's AP (IoU .50:.95, all areas, 100 detections) under \"perCategory\".")
    boolean perCategory;

    @Override
    public Integer call() {
        // the two files are read in parallel: the results list is usually the big one
        // (a problem in the annotation file is reported first, whatever finished first)
        CompletableFuture<CocoJson.Truth> reading = CompletableFuture.supplyAsync(() -> CocoJson.readTruth(gt));
        List<CocoDetection> detections;
        try {
            detections = CocoJson.readResults(dt);
        } catch (RuntimeException e) {
            truth(reading);
            throw e;
        }
        CocoJson.Truth truth = truth(reading);
        CocoSummary summary;
        try {
            summary = CocoEval.evaluate(truth.truth(), detections);
        } catch (IllegalArgumentException e) {
            throw new UserError((e.getMessage().startsWith("detection") ? dt : gt) + ": " + e.getMessage());
        }
        ObjectNode out = Json.object();
        double[] stats = summary.stats();
        for (int i = 0; i < stats.length; i++) {
            Json.put(out, CocoSummary.KEYS.get(i), stats[i]);
        }
        if (perCategory) {
            ArrayNode list = out.putArray("perCategory");
            for (CocoSummary.CategoryAp c : summary.perCategory()) {
                ObjectNode node = list.addObject().put("id", c.categoryId()).put("name", c.name());
                Json.put(node, "AP", c.ap());
            }
        }
        return Json.print(spec.commandLine().getOut(), out);
    }

    private static CocoJson.Truth truth(CompletableFuture<CocoJson.Truth> reading) {
        try {
            return reading.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
