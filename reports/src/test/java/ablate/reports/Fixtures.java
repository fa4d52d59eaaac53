package ablate.reports;

import ablate.results.Cost;
import ablate.results.Provenance;
import ablate.results.ResultsStore;
import ablate.results.Status;
import ablate.results.SuiteInfo;
import ablate.results.TrialResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Fabricated results directories for the report tests. */
final class Fixtures {
    static final String HOSTILE = "<script>alert(\"x\")</script> 'q'";
    static final String HOSTILE_PARAM = "\"><img src=x onerror=alert(1)>";
    static final String HOSTILE_ERROR = "<b>boom</b> & \"quoted\" </code><script>alert(2)</script>";
    static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
            "Shirt", "Sneaker", "Bag", "Ankle boot");
    static final Provenance PROVENANCE = new Provenance("0.1.0", "ff585af", "17.0.15", "PyTorch", "2.5.1", 2, "0.32.0",
            "cpu()", "Intel(R) Xeon(R) CPU @ 2.20GHz", "Linux 6.1 amd64", "embedded Fashion-MNIST subset (6000/1000)");

    private Fixtures() {
    }

    static SuiteInfo.Variant variant(String name, String plugin, Map<String, Object> params, SuiteInfo.ClaimInfo... claims) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("plugin", plugin);
        spec.putAll(params);
        return new SuiteInfo.Variant(name, Map.of("attention", spec), List.of(claims));
    }

    static SuiteInfo suite(List<SuiteInfo.Variant> variants, List<Long> seeds) {
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("name", "fashion-mnist");
        dataset.put("subset", Map.of("train", 6000, "test", 1000));
        Map<String, Object> budget = new LinkedHashMap<>();
        budget.put("epochs", 5);
        budget.put("batch", 128);
        budget.put("lr", 0.1);
        return new SuiteInfo("attention-quick", "suites/quick.yaml", "classification", "accuracy", List.of(),
                variants.get(0).name(), variants, seeds, dataset, budget);
    }

    static TrialResult trial(String variant, long seed, Status status, String error, Map<String, Double> metrics,
                             Map<String, List<Double>> curves, Cost cost, Map<String, Object> artifacts) {
        String id = java.util.UUID.nameUUIDFromBytes((variant + "/" + seed).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString().replace("-", "").substring(0, 16);
        return new TrialResult(id, variant,
                seed, Map.of("variant", variant, "seed", seed), status, error, metrics, curves, cost, artifacts,
                PROVENANCE, "2026-11-01T10:" + String.format("%02d", seed * 7 % 60) + ":00Z",
                cost.trainSeconds() + 2.5);
    }

    static TrialResult passed(String variant, long seed, double accuracy) {
        return trial(variant, seed, Status.PASSED, null, Map.of("accuracy", accuracy), Map.of(), Cost.NONE, Map.of());
    }

    /**
     * A realistic attention suite: 5 seeds, 5 variants plus one with a hostile name, and a failed, a diverged
     * and a timed-out trial. Writes it to {@code dir} and returns the suite.
     */
    static SuiteInfo writeRealistic(Path dir) {
        SuiteInfo.ClaimInfo seClaim = new SuiteInfo.ClaimInfo("attention.se", "accuracy", "HIGHER",
                "SE lowers ResNet-50 top-1 error on ImageNet from 24.80% to 23.29%.");
        SuiteInfo.ClaimInfo cbamClaim = new SuiteInfo.ClaimInfo("attention.cbam", "accuracy", "HIGHER",
                "CBAM lowers ResNet-50 top-1 error on ImageNet from 24.56% to 22.66%.");
        SuiteInfo.ClaimInfo ecaClaim = new SuiteInfo.ClaimInfo("attention.eca", "accuracy", "HIGHER",
                "ECA adds about 2.3 points of top-1 accuracy with ~80 extra parameters.");
        List<SuiteInfo.Variant> variants = List.of(
                variant("none", "attention.none", Map.of()),
                variant("se", "attention.se", Map.of("reduction", 16), seClaim),
                variant("cbam", "attention.cbam", Map.of("reduction", 16, "kernel", 7), cbamClaim),
                variant("eca", "attention.eca", Map.of("gamma", 2, "b", 1), ecaClaim),
                variant("simam", "attention.simam", Map.of("lambda", 1e-4), new SuiteInfo.ClaimInfo("attention.simam",
                        "accuracy", "HIGHER", "SimAM raises ResNet-50 top-1 accuracy by about 1 point with no added parameters.")),
                variant(HOSTILE, "attention.se", Map.of("reduction", HOSTILE_PARAM),
                        new SuiteInfo.ClaimInfo("attention.se", "accuracy", "HIGHER", "claim with <b>markup</b> & \"quotes\"")));
        List<Long> seeds = List.of(1L, 2L, 3L, 4L, 5L);
        SuiteInfo suite = suite(variants, seeds);
        ResultsStore store = new ResultsStore(dir);
        store.writeSuite(suite);
        double[] gain = {0, 0.012, 0.009, 0.004, -0.002, 0.006};
        long[] params = {272_474, 277_098, 279_732, 272_531, 272_474, 277_098};
        double[] latency = {1.9, 2.3, 3.1, 2.0, 2.2, 2.4};
        for (int v = 0; v < variants.size(); v++) {
            String name = variants.get(v).name();
            for (long seed : seeds) {
                Random r = new Random(seed * 31 + 7);
                Random own = new Random(seed * 1000 + v);
                double acc = 0.880 + 0.006 * r.nextGaussian() + gain[v] + 0.002 * own.nextGaussian();
                Cost cost = new Cost(params[v], params[v], 40_960_000L + params[v], 40 + 3 * v + own.nextDouble(),
                        latency[v] + 0.1 * own.nextDouble(), latency[v] * 1.4 + 0.2 * own.nextDouble(),
                        900L * 1024 * 1024 + v * 5L * 1024 * 1024);
                if (name.equals("cbam") && seed == 3) {
                    store.write(trial(name, seed, Status.FAILED, "IllegalStateException: " + HOSTILE_ERROR,
                            Map.of(), Map.of(), Cost.NONE, Map.of()));
                    continue;
                }
                if (name.equals("eca") && seed == 2) {
                    store.write(trial(name, seed, Status.DIVERGED, "loss is NaN at epoch 3 (step 141)", Map.of(),
                            Map.of("trainLoss", List.of(2.1, 9.7, Double.NaN)), new Cost(params[v], params[v], 0, 0, 0, 0, -1), Map.of()));
                    continue;
                }
                if (name.equals("simam") && seed == 5) {
                    store.write(trial(name, seed, Status.TIMED_OUT, "exceeded the per-trial timeout of 60 s in epoch 4",
                            Map.of(), Map.of(), new Cost(params[v], params[v], 0, 31.0, 0, 0, -1), Map.of()));
                    continue;
                }
                Map<String, Double> metrics = new LinkedHashMap<>();
                metrics.put("accuracy", acc);
                metrics.put("balancedAccuracy", acc - 0.001);
                metrics.put("macroF1", acc - 0.004 + 0.001 * own.nextGaussian());
                metrics.put("top5", Math.min(1, 0.995 + 0.002 * own.nextGaussian()));
                Map<String, List<Double>> curves = new LinkedHashMap<>();
                List<Double> loss = new ArrayList<>();
                List<Double> testAcc = new ArrayList<>();
                for (int e = 1; e <= 8; e++) {
                    loss.add(0.3 + 1.9 * Math.exp(-0.55 * e) - gain[v] * e * 0.5 + 0.01 * own.nextGaussian());
                    testAcc.add(acc - 0.22 * Math.exp(-0.6 * e) + 0.003 * own.nextGaussian());
                }
                curves.put("trainLoss", loss);
                curves.put("testAccuracy", testAcc);
                store.write(trial(name, seed, Status.PASSED, null, metrics, curves, cost,
                        Map.of(ConfusionMatrix.ARTIFACT, confusion(acc, own), ConfusionMatrix.CLASS_NAMES, CLASSES)));
            }
        }
        return suite;
    }

    /** A plausible 10-class confusion matrix with 100 test images per class. */
    static List<List<Integer>> confusion(double accuracy, Random r) {
        int[][] confusable = {{6, 3}, {3}, {4, 6}, {0, 4}, {2, 6}, {7, 9}, {0, 2, 4}, {5, 9}, {0}, {7, 5}};
        List<List<Integer>> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int[] row = new int[10];
            double difficulty = i == 6 ? 0.35 : i == 4 || i == 2 || i == 0 ? 0.12 : 0.03;
            int wrong = (int) Math.round(100 * Math.min(0.9, (1 - accuracy) * difficulty * 5 + 0.01 * r.nextDouble()));
            for (int k = 0; k < wrong; k++) {
                row[confusable[i][r.nextInt(confusable[i].length)]]++;
            }
            row[i] = 100 - wrong;
            List<Integer> list = new ArrayList<>();
            for (int c : row) {
                list.add(c);
            }
            rows.add(list);
        }
        return rows;
    }
}
