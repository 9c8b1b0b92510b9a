package io.matchstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The gateway's web page in headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}): a person places crossing orders in the form and sees the resting one on
 * the depth ladder, then the trade on the tape; places a stop (listed apart, as waiting) and an
 * iceberg (its slice on the ladder), amends the iceberg and cancels everything with one button.
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
    GatewayClient.awaitTrue(() -> gateway.binance("page", "GET", "/api/v3/account", "").body().matches(".*BTC.*USDT.*"));

    browser.get(stack.base + "/");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(b -> b.findElement(By.id("status")).getText().equals("live"));
    assertThat(browser.findElement(By.id("apiKey")).getAttribute("value")).as("the demo key, filled in")
        .isEqualTo("page-key");
    new Select(browser.findElement(By.id("symbol"))).selectByVisibleText("BTCUSDT");
    wait.until(b -> b.findElement(By.id("status")).getText().equals("live"));

    place("SELL", "50000", "0.01");
    wait.until(b -> b.findElement(By.id("result")).getText().startsWith("NEW"));
    wait.until(b -> b.findElement(By.id("asks")).getText().contains("50000 0.01"));
    place("BUY", "50000", "0.01");
    wait.until(b -> b.findElement(By.id("result")).getText().startsWith("FILLED"));
    wait.until(b -> b.findElement(By.id("tape")).getText().contains("50000 0.01"));
    wait.until(b -> !b.findElement(By.id("asks")).getText().contains("50000"));
    // the chart loaded its candles before the trade: the trade's candle came over the kline stream
    wait.until(b -> "50000".equals(b.findElement(By.id("candles")).getAttribute("data-last-close")));
    assertThat(browser.findElements(By.cssSelector("#candles canvas"))).as("the chart drew").isNotEmpty();
    new Select(browser.findElement(By.id("interval"))).selectByVisibleText("1h");
    wait.until(b -> "50000".equals(b.findElement(By.id("candles")).getAttribute("data-last-close")));
    // the status view of a local stack counted the two orders (and whatever else the tests sent)
    wait.until(b -> b.findElement(By.id("pulseNow")).getText().matches("[1-9][0-9]* orders in the last minute, p99 up to [0-9]+ ms"));
    assertThat(browser.findElements(By.cssSelector("#pulseChart canvas"))).as("the status chart drew").isNotEmpty();
  }

  @Test
  void stopsWaitApartIcebergsShowASliceAndOneButtonCancelsAll() throws Exception {
    GatewayClient gateway = new GatewayClient(stack.base);
    gateway.deposit("page", "LTC", "100", "page-3");
    GatewayClient.awaitTrue(() -> gateway.binance("page", "GET", "/api/v3/account", "").body().contains("\"asset\":\"LTC\""));
    browser.get(stack.base + "/");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(b -> b.findElement(By.id("status")).getText().equals("live"));
    new Select(browser.findElement(By.id("symbol"))).selectByVisibleText("LTCUSDT");
    wait.until(b -> b.findElement(By.id("status")).getText().equals("live"));

    place("SELL", "STOP_LOSS_LIMIT", "40", "1", "45", "");
    wait.until(b -> b.findElement(By.id("result")).getText().startsWith("NEW"));
    wait.until(b -> b.findElement(By.id("waitingStops")).getText().contains("SELL STOP_LOSS_LIMIT 45 40 1"));
    place("SELL", "LIMIT", "60", "10", "", "2");
    wait.until(b -> b.findElement(By.id("asks")).getText().contains("60 2"));
    wait.until(b -> b.findElement(By.id("openOrders")).getText().contains("LIMIT (iceberg 2) 60 10 0"));
    assertThat(browser.findElement(By.id("openOrders")).getText()).as("the stop is not in the book")
        .doesNotContain("STOP_LOSS_LIMIT");

    // a refresh that changed the rows between finding the field and typing makes it stale: type again
    wait.ignoring(StaleElementReferenceException.class).until(b -> {
      b.findElement(By.className("amend")).sendKeys("5" + Keys.TAB);
      return true;
    });
    wait.until(b -> b.findElement(By.id("openOrders")).getText().contains("LIMIT (iceberg 2) 60 5 0"));
    browser.findElement(By.id("cancelAll")).click();
    wait.until(b -> b.findElement(By.id("openOrders")).getText().isEmpty()
        && b.findElement(By.id("waitingStops")).getText().isEmpty());
    wait.until(b -> !b.findElement(By.id("asks")).getText().contains("60"));
  }

  private static void place(String side, String price, String quantity) {
    place(side, "LIMIT", price, quantity, "", "");
  }

  private static void place(String side, String type, String price, String quantity, String stopPrice,
      String iceberg) {
    new Select(browser.findElement(By.id("side"))).selectByVisibleText(side);
    new Select(browser.findElement(By.id("type"))).selectByVisibleText(type);
    for (String[] field : new String[][] {{"price", price}, {"quantity", quantity}, {"stopPrice", stopPrice},
        {"icebergQty", iceberg}}) {
      WebElement input = browser.findElement(By.id(field[0]));
      if (input.isEnabled()) {
        input.clear();
        input.sendKeys(field[1]);
      }
    }
    browser.findElement(By.id("place")).click();
  }
}
