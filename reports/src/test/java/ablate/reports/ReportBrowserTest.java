package ablate.reports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens a generated report in headless Debian Chromium from {@code file://}: no SEVERE console entry (a
 * blocked network request or a script error would be one), the summary table and the SVG charts are visible,
 * and a full-page screenshot lands in {@code target/screenshots/report.png}; the same for a detection report's
 * precision–recall charts and example images ({@code detection-report.png}).
 */
class ReportBrowserTest {
    @TempDir
    Path dir;

    @Test
    void reportRendersInChromiumWithoutConsoleErrors() throws Exception {
        Fixtures.writeRealistic(dir);
        ChromeDriver driver = HeadlessChromium.open(ReportWriter.write(dir), dir);
        try {
            assertThat(driver.getTitle()).contains("attention-quick");
            WebElement summary = driver.findElement(By.cssSelector("table.summary"));
            assertThat(summary.isDisplayed()).isTrue();
            List<WebElement> rows = summary.findElements(By.cssSelector("tbody tr"));
            assertThat(rows).hasSize(6);
            assertThat(summary.getText()).contains("se", "cbam", "baseline", Fixtures.HOSTILE);
            List<WebElement> charts = driver.findElements(By.cssSelector("figure.chart svg"));
            assertThat(charts).hasSizeGreaterThanOrEqualTo(4);
            assertThat(charts.get(0).isDisplayed()).isTrue();
            assertThat(charts.get(0).getSize().getWidth()).isGreaterThan(300);
            assertThat(driver.findElement(By.id("failures")).getText().toLowerCase())
                    .contains("failed", "diverged", "timed out", "loss is nan", "<b>boom</b>");
            assertThat(driver.findElements(By.cssSelector("table.confusion td.cm"))).hasSize(100);
            // The hostile strings were rendered as text, so no element came of them.
            assertThat(driver.findElements(By.cssSelector("script, img"))).isEmpty();
            HeadlessChromium.assertNoConsoleErrors(driver);
            HeadlessChromium.screenshot(driver, Path.of("target/screenshots/report.png"));
        } finally {
            driver.quit();
        }
    }

    /** The detection sections: PR charts and example images (their PNG from data URIs) draw, and nothing runs. */
    @Test
    void detectionReportRendersItsExamplesWithoutConsoleErrors() throws Exception {
        Path index = HtmlReport.write(DetectionReportTest.detectionAnalysis(), dir);
        ChromeDriver driver = HeadlessChromium.open(index, dir);
        try {
            assertThat(driver.findElements(By.cssSelector("#precision-recall figure.chart svg"))).hasSize(2);
            List<WebElement> examples = driver.findElements(By.cssSelector("#examples figure.example svg"));
            assertThat(examples).hasSize(4);
            assertThat(examples.get(0).isDisplayed()).isTrue();
            assertThat(examples.get(0).getSize().getWidth()).isGreaterThan(200);
            assertThat(driver.findElements(By.cssSelector("#examples svg image"))).hasSize(4);
            assertThat(driver.findElements(By.cssSelector("script, img, foreignObject"))).isEmpty();
            HeadlessChromium.assertNoConsoleErrors(driver);
            HeadlessChromium.screenshot(driver, Path.of("target/screenshots/detection-report.png"));
        } finally {
            driver.quit();
        }
    }
}
