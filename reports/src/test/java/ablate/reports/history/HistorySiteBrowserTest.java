package ablate.reports.history;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The history site of five synthetic runs with a step in accuracy, opened in headless Debian Chromium from
 * {@code file://}: both trends draw, the accuracy chart shows one step (marked worse) and the ece chart none, the
 * regressions table names the commit range, a point's link opens that run's copied report, and the console is clean.
 * A screenshot lands in {@code target/screenshots/history.png}.
 */
class HistorySiteBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final java.util.logging.Logger SELENIUM = java.util.logging.Logger.getLogger("org.openqa.selenium");

    @TempDir
    Path dir;

    @Test
    void theSiteShowsTheStepFromFileUrls() throws Exception {
        Path index = HistorySite.write(Synthetic.store(dir), dir.resolve("site")).index();
        ChromeDriver driver = open(index);
        try {
            assertThat(driver.getTitle()).isEqualTo("Ablate history");
            List<WebElement> charts = driver.findElements(By.cssSelector("figure.trend svg"));
            assertThat(charts).hasSize(2);
            assertThat(charts.get(0).isDisplayed()).isTrue();
            assertThat(charts.get(0).getSize().getWidth()).isGreaterThan(400);
            WebElement acc = driver.findElement(By.cssSelector("figure.trend[data-metric='accuracy']"));
            assertThat(acc.findElements(By.cssSelector("line.step.worse"))).hasSize(1);
            assertThat(acc.findElements(By.cssSelector("circle.point"))).hasSize(5);
            assertThat(acc.findElements(By.cssSelector("path.band"))).hasSize(1);
            assertThat(driver.findElement(By.cssSelector("figure.trend[data-metric='ece']"))
                    .findElements(By.cssSelector("line.step"))).isEmpty();
            WebElement table = driver.findElement(By.cssSelector("table.regressions"));
            assertThat(table.findElements(By.cssSelector("tbody tr"))).hasSize(1);
            assertThat(table.getText()).contains("c3aaaaaaaa … c4aaaaaaaa", "0.8000", "0.7005", "-0.0995");
            assertThat(driver.findElements(By.cssSelector("script, img, link"))).isEmpty();
            assertThat(driver.manage().logs().get(LogType.BROWSER).getAll())
                    .filteredOn(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).isEmpty();
            screenshot(driver, Path.of("target/screenshots/history.png"));

            table.findElements(By.cssSelector("a")).get(1).click();
            assertThat(driver.getCurrentUrl()).startsWith("file://").endsWith("20261204T120000Z-c4aaaaaaaaaaaaaaa.html");
            assertThat(driver.getTitle()).isEqualTo("run 0.7");
        } finally {
            driver.quit();
        }
    }

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
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")), "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriver driver = new ChromeDriver(options);
        driver.get(index.toUri().toString());
        return driver;
    }

    private static void screenshot(ChromeDriver driver, Path target) throws Exception {
        Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new Dimension(1280, Math.min(16000, height.intValue() + 40)));
        Files.createDirectories(target.getParent());
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}
