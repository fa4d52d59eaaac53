package ablate.reports.history;

import ablate.reports.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;

import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history site of five synthetic runs with a step in accuracy, opened in headless Debian Chromium from
 * {@code file://}: both trends draw, the accuracy chart shows one step (marked worse) and the ece chart none, the
 * regressions table names the commit range, a point's link opens that run's copied report, and the console is clean.
 * A screenshot lands in {@code target/screenshots/history.png}.
 */
class HistorySiteBrowserTest {
    @TempDir
    Path dir;

    @Test
    void theSiteShowsTheStepFromFileUrls() throws Exception {
        Path index = HistorySite.write(Synthetic.store(dir), dir.resolve("site")).index();
        ChromeDriver driver = HeadlessChromium.open(index, dir);
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
            HeadlessChromium.screenshot(driver, Path.of("target/screenshots/history.png"));

            table.findElements(By.cssSelector("a")).get(1).click();
            assertThat(driver.getCurrentUrl()).startsWith("file://").endsWith("20261204T120000Z-c4aaaaaaaaaaaaaaa.html");
            assertThat(driver.getTitle()).isEqualTo("run 0.7");
        } finally {
            driver.quit();
        }
    }
}
