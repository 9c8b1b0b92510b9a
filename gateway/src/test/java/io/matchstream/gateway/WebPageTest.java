package io.matchstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The gateway's web page in headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}): a person places crossing orders in the form and sees the resting one on
 * the depth ladder, then the trade on the tape.
 */
class WebPageTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static GatewayFixture stack;
  private static WebDriver browser;

  @BeforeAll
  static void start() throws Exception {
    assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER))
        .as("the page's test needs Debian's chromium: apt-get install -y chromium chromium-driver").isTrue();
    stack = GatewayFixture.get();
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu");
    browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build(), options);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void crossingOrdersPlacedInTheFormShowOnTheLadderAndTheTape() throws Exception {
    GatewayClient gateway = new GatewayClient(stack.base);
    gateway.deposit("page", "BTC", "1", "page-1");
    gateway.deposit("page", "USDT", "10000", "page-2");
    GatewayClient.awaitTrue(() -> gateway.get("page", "/api/v1/account").body().matches(".*BTC.*USDT.*"));

    browser.get(stack.base + "/");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(b -> b.findElement(By.id("status")).getText().equals("live"));
    assertThat(browser.findElement(By.id("apiKey")).getAttribute("value")).as("the demo key, filled in")
        .isEqualTo("page-key");
    new Select(browser.findElement(By.id("symbol"))).selectByVisibleText("BTC-USDT");
    wait.until(b -> b.findElement(By.id("status")).getText().equals("live"));

    place("SELL", "50000", "0.01");
    wait.until(b -> b.findElement(By.id("result")).getText().startsWith("NEW"));
    wait.until(b -> b.findElement(By.id("asks")).getText().contains("50000 0.01"));
    place("BUY", "50000", "0.01");
    wait.until(b -> b.findElement(By.id("result")).getText().startsWith("FILLED"));
    wait.until(b -> b.findElement(By.id("tape")).getText().contains("50000 0.01"));
    wait.until(b -> !b.findElement(By.id("asks")).getText().contains("50000"));
  }

  private static void place(String side, String price, String quantity) {
    new Select(browser.findElement(By.id("side"))).selectByVisibleText(side);
    new Select(browser.findElement(By.id("type"))).selectByVisibleText("LIMIT");
    for (String[] field : new String[][] {{"price", price}, {"quantity", quantity}}) {
      browser.findElement(By.id(field[0])).clear();
      browser.findElement(By.id(field[0])).sendKeys(field[1]);
    }
    browser.findElement(By.id("place")).click();
  }
}
