package ablate.reports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Opens a generated report in headless Debian Chromium from {@code file://}: no SEVERE console entry (a
 * blocked network request or a script error would be one), the summary table and the SVG charts are visible,
 * and a full-page screenshot lands in {@code target/screenshots/report.png}; the same for a detection report's
 * precision–recall charts and example images ({@code detection-report.png}).
 */
class ReportBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Selenium warns that it has no DevTools bindings for this Chromium; the test needs none. Held so it is not collected. */
    static final java.util.logging.Logger SELENIUM = java.util.logging.Logger.getLogger("org.openqa.selenium");

    @TempDir
    Path dir;

    @Test
    void reportRendersInChromiumWithoutConsoleErrors() throws Exception {
        Fixtures.writeRealistic(dir);
        ChromeDriver driver = open(ReportWriter.write(dir));
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
            assertNoConsoleErrors(driver);
            screenshot(driver, Path.of("target/screenshots/report.png"));
        } finally {
            driver.quit();
        }
    }

    /** The detection sections: PR charts and example images (their PNG from data URIs) draw, and nothing runs. */
    @Test
    void detectionReportRendersItsExamplesWithoutConsoleErrors() throws Exception {
        Path index = HtmlReport.write(DetectionReportTest.detectionAnalysis(), dir);
        ChromeDriver driver = open(index);
        try {
            assertThat(driver.findElements(By.cssSelector("#precision-recall figure.chart svg"))).hasSize(2);
            List<WebElement> examples = driver.findElements(By.cssSelector("#examples figure.example svg"));
            assertThat(examples).hasSize(4);
            assertThat(examples.get(0).isDisplayed()).isTrue();
            assertThat(examples.get(0).getSize().getWidth()).isGreaterThan(200);
            assertThat(driver.findElements(By.cssSelector("#examples svg image"))).hasSize(4);
            assertThat(driver.findElements(By.cssSelector("script, img, foreignObject"))).isEmpty();
            assertNoConsoleErrors(driver);
            screenshot(driver, Path.of("target/screenshots/detection-report.png"));
        } finally {
            driver.quit();
        }
    }

    private static void assertNoConsoleErrors(ChromeDriver driver) {
        List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertThat(severe).as("SEVERE browser console entries").isEmpty();
    }

    /** Headless Chromium showing {@code index}, its console log kept. */
    private ChromeDriver open(Path index) throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("the browser test needs Debian's Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": install them with `apt-get install -y chromium chromium-driver` (CI's .ci/run does)");
        }
        SELENIUM.setLevel(Level.SEVERE);

        // A driver path set here keeps Selenium Manager from looking for (or downloading) a driver.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")),
                "--window-size=1280,900", "--hide-scrollbars");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);

        ChromeDriver driver = new ChromeDriver(options);
        driver.get(index.toUri().toString());
        return driver;
    }

    /** A full-page screenshot: the window is resized to the document's height first. */
    private static void screenshot(ChromeDriver driver, Path target) throws Exception {
        Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new Dimension(1280, Math.min(16000, height.intValue() + 40)));
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.createDirectories(target.getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}
