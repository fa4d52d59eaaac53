package ablate.harness.cli.metric;

import ablate.harness.UserError;
import ablate.metrics.selection.Criterion;
import ablate.metrics.selection.InformationCriteria;
import ablate.metrics.selection.PolynomialFit;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ablate metric aic-bic}. */
@Command(name = "aic-bic", mixinStandardHelpOptions = true,
        description = {"Least-squares polynomial fits of degree 0..D to the points of a CSV file (header x,y) and their",
                "information criteria: AIC = 2k - 2 ln L, AICc (statsmodels' eval_measures.aicc), BIC = k ln n - 2 ln L,",
                "where ln L is the concentrated Gaussian log-likelihood and k counts the coefficients including the",
                "intercept (not the error variance), as statsmodels' OLS. Prints a JSON array, one object per degree:",
                "{degree, k, logLikelihood, aic, aicc, bic, selectedBy}, selectedBy naming the criteria whose minimum",
                "is at that degree. AICc is null when n <= k + 1.", ""})
final class AicBicCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--csv", required = true, paramLabel = "data.csv", description = "CSV with the header x,y and one point per line.")
    Path csv;

    @Option(names = "--max-degree", required = true, paramLabel = "D", description = "Highest polynomial degree to fit (>= 0).")
    int maxDegree;

    @Override
    public Integer call() {
        if (maxDegree < 0) {
            throw new UserError("--max-degree must be >= 0, got " + maxDegree);
        }
        double[][] xy = readCsv();
        if (xy[0].length <= maxDegree + 1) {
            throw new UserError(csv + ": " + xy[0].length + " points cannot fit a degree-" + maxDegree
                    + " polynomial (needs more than " + (maxDegree + 1) + ")");
        }
        List<PolynomialFit> fits = new ArrayList<>();
        try {
            for (int d = 0; d <= maxDegree; d++) {
                fits.add(PolynomialFit.fit(xy[0], xy[1], d));
            }
        } catch (IllegalArgumentException e) {
            throw new UserError(csv + ": " + e.getMessage());
        }
        List<InformationCriteria> criteria = fits.stream().map(PolynomialFit::criteria).toList();
        ArrayNode out = Json.array();
        for (PolynomialFit f : fits) {
            ObjectNode node = out.addObject();
            node.put("degree", f.degree()).put("k", f.criteria().k());
            Json.put(node, "logLikelihood", f.criteria().logLikelihood());
            Json.put(node, "aic", f.criteria().aic());
            Json.put(node, "aicc", f.criteria().aicc());
            Json.put(node, "bic", f.criteria().bic());
            ArrayNode selected = node.putArray("selectedBy");
            for (Criterion criterion : Criterion.values()) {
                if (criterion.select(criteria) == f.degree()) {
                    selected.add(criterion.key());
                }
            }
        }
        return Json.print(spec.commandLine().getOut(), out);
    }

    private double[][] readCsv() {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv);
        } catch (NoSuchFileException e) {
            throw new UserError(csv + ": no such file");
        } catch (IOException e) {
            throw new UserError(csv + ": cannot read: " + e.getMessage());
        }
        if (lines.isEmpty() || !lines.get(0).strip().replace(" ", "").equals("x,y")) {
            throw new UserError(csv + ": line 1: expected the header x,y");
        }
        List<double[]> points = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != 2) {
                throw new UserError(csv + ": line " + (i + 1) + ": expected 2 values x,y, got " + cells.length);
            }
            points.add(new double[]{parse(cells[0], i + 1), parse(cells[1], i + 1)});
        }
        double[][] xy = new double[2][points.size()];
        for (int i = 0; i < points.size(); i++) {
            xy[0][i] = points.get(i)[0];
            xy[1][i] = points.get(i)[1];
        }
        return xy;
    }

    private double parse(String cell, int line) {
        try {
            double v = Double.parseDouble(cell.strip());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserError(csv + ": line " + line + ": '" + cell.strip() + "' is not a finite number");
    }
}
