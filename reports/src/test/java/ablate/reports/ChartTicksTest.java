package ablate.reports;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ChartTicksTest {
    /** The text of every {@code <text>} element that matches {@code pattern}, in order. */
    private static List<String> labels(String svg, String pattern) {
        Matcher m = Pattern.compile(">(" + pattern + ")</text>").matcher(svg);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void parameterTicksOfVariantsThatDifferByAFewDozenAreDistinct() {
        // three variants within 100 parameters of each other: the axis ticks are ~10 apart around 44.7k
        List<Charts.ScatterPoint> points = List.of(
                new Charts.ScatterPoint("a", 0, 44_655, 0.80, 0.79, 0.81),
                new Charts.ScatterPoint("b", 1, 44_702, 0.81, 0.80, 0.82),
                new Charts.ScatterPoint("c", 2, 44_748, 0.82, 0.81, 0.83));
        String svg = Charts.scatter("t", "parameters", Format::count, "accuracy", points, List.of(), List.of());
        List<String> ticks = labels(svg, "[0-9.]+k");
        assertThat(ticks).hasSizeGreaterThan(2);
        assertThat(ticks).doesNotHaveDuplicates();
    }

    @Test
    void parameterTicksOfVariantsWithTheSameCountAreDistinct() {
        // variants that change only the loss share one parameter count: the axis must not repeat "122k"
        List<Charts.ScatterPoint> points = List.of(
                new Charts.ScatterPoint("a", 0, 122_411, 0.11, 0.06, 0.16),
                new Charts.ScatterPoint("b", 1, 122_411, 0.26, 0.13, 0.39));
        String svg = Charts.scatter("t", "parameters", Format::count, "mIoU", points, List.of(), List.of());
        List<String> ticks = labels(svg, "[0-9.]+k");
        assertThat(ticks).hasSizeGreaterThan(2);
        assertThat(ticks).doesNotHaveDuplicates();
    }

    @Test
    void valueTicksGetTheDecimalsTheirStepNeeds() {
        assertThat(Format.tick(0.8002, 0.0002)).isEqualTo("0.8002");
        assertThat(Format.tick(0.8, 0.0002)).isEqualTo("0.8");
        assertThat(Format.tick(12.5, 2.5)).isEqualTo("12.5");
        assertThat(Format.count(44_720, 20)).isEqualTo("44.72k");
        assertThat(Format.count(44_700, 100)).isEqualTo("44.7k");
        assertThat(Format.count(272_474, 5000)).isEqualTo("272k");
        assertThat(Format.count(500, 100)).isEqualTo("500");
    }
}
