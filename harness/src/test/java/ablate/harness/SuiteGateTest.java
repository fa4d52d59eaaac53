package ablate.harness;

import ablate.harness.suite.SuiteLoader;
import ablate.harness.discovery.PluginRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The suite's {@code gate:} block (read by {@code ablate compare}) is checked when the suite loads. */
class SuiteGateTest {
    @TempDir
    Path dir;

    private void load(String gate) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, SuiteValidationTest.GOOD + gate);
        new SuiteLoader(PluginRegistry.discover()).load(f);
    }

    @Test
    void aGateOnADeclaredMetricLoads() {
        assertThatCode(() -> load("gate: {score: {max-drop: 0.01}}\n")).doesNotThrowAnyException();
    }

    @Test
    void aGateOnAnUnknownMetricOrKeyIsOneLineNamingTheKey() {
        assertThatThrownBy(() -> load("gate: {scor: {max-drop: 0.01}}\n")).isInstanceOf(UserError.class)
                .hasMessageContaining("gate.scor").hasMessageContaining("did you mean 'score'");
        assertThatThrownBy(() -> load("gate: {score: {max-dorp: 0.01}}\n")).isInstanceOf(UserError.class)
                .hasMessageContaining("gate.score.max-dorp");
        assertThatThrownBy(() -> load("gate: {score: {max-drop: -1}}\n")).isInstanceOf(UserError.class)
                .hasMessageContaining("gate.score.max-drop");
    }
}
