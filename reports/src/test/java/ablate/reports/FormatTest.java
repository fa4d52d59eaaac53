package ablate.reports;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FormatTest {
    @Test
    void settingsAreWrittenAsAPersonWritesThem() {
        assertThat(Format.value(5.0E-4)).isEqualTo("0.0005");
        assertThat(Format.value(1.0E-4)).isEqualTo("1e-4");
        assertThat(Format.value(2.5E-6)).isEqualTo("2.5e-6");
        assertThat(Format.value(0.001)).isEqualTo("0.001");
        assertThat(Format.value(0.05)).isEqualTo("0.05");
        assertThat(Format.value(4.0)).isEqualTo("4");
        assertThat(Format.value(1.5e7)).isEqualTo("1.5e7");
        assertThat(Format.value(-3.0E-5)).isEqualTo("-3e-5");
        assertThat(Format.value(5e-4f)).isEqualTo("0.0005");
        assertThat(Format.value(16)).isEqualTo("16");
        assertThat(Format.value("cosine")).isEqualTo("cosine");
    }

    @Test
    void slotsAndBudgetsShowNoJavaExponents() {
        assertThat(Describe.plugin(Map.of("plugin", "attention.simam", "lambda", 1.0E-4))).isEqualTo("attention.simam (lambda=1e-4)");
        assertThat(Describe.map(Map.of("weight-decay", 5.0E-4))).isEqualTo("weight-decay: 0.0005");
    }
}
