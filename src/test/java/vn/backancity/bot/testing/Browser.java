package vn.backancity.bot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven through chromedriver, both found on the machine (Debian's {@code
 * chromium} and {@code chromium-driver}): Selenium Manager is never asked, because it would
 * download a browser from the internet. Without them the test is skipped with a message, unless
 * {@code BROWSER_TESTS_REQUIRED} is set (as {@code .ci/run} does), where it fails instead.
 */
public final class Browser implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(10);

  private static volatile String missing = "";

  private final ChromeDriver driver;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
  }

  /**
   * Starts the browser, or returns null when the machine has none (saying why on stderr; see {@link
   * #assumeOpen}). Call it before starting the server, so that a skipped class costs nothing. Where
   * {@code BROWSER_TESTS_REQUIRED} is set, a missing browser throws instead.
   */
  public static Browser openOrNull() {
    Optional<Path> chromium =
        executable("CHROMIUM_BINARY", "/usr/bin/chromium", "/usr/bin/chromium-browser");
    Optional<Path> chromedriver =
        executable("CHROMEDRIVER", "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
    if (chromium.isEmpty() || chromedriver.isEmpty()) {
      missing =
          "no "
              + (chromium.isEmpty() ? "chromium" : "chromedriver")
              + " found (install Debian's chromium and chromium-driver, or set CHROMIUM_BINARY"
              + " and CHROMEDRIVER)";
      if (System.getenv("BROWSER_TESTS_REQUIRED") != null) {
        throw new IllegalStateException("browser tests are required here, but " + missing);
      }
      System.err.println("Browser tests skipped: " + missing);
      return null;
    }
    System.setProperty("webdriver.chrome.driver", chromedriver.get().toString());
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver.get().toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.get().toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--lang=vi",
        // Nothing but the server under test: no update checks, sync or other calls home.
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions");
    // A Vietnamese browser (headless Chromium ignores --lang for navigator.language).
    options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "vi"));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    return new Browser(new ChromeDriver(service, options));
  }

  /**
   * Skips the test when {@link #openOrNull} found no browser. (An assumption that fails in
   * {@code @BeforeAll} is reported by Surefire as zero tests, with no message: hence each test.)
   */
  public static void assumeOpen(Browser browser) {
    Assumptions.assumeTrue(browser != null, () -> "browser test skipped: " + missing);
  }

  private static Optional<Path> executable(String variable, String... candidates) {
    String given = System.getenv(variable);
    return (given != null ? Stream.of(given) : Stream.of(candidates))
        .map(Path::of)
        .filter(Files::isExecutable)
        .findFirst();
  }

  public WebDriver driver() {
    return driver;
  }

  public void get(String url) {
    driver.get(url);
  }

  public WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  public List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** Waits until {@code condition} returns a value that is neither null nor false. */
  public <T> T await(Function<WebDriver, T> condition) {
    return waiting(Duration.ofMillis(50)).until(condition);
  }

  // A timeout says what the page showed, which is most of the time why.
  private WebDriverWait waiting(Duration polling) {
    WebDriverWait wait = new WebDriverWait(driver, WAIT, polling);
    wait.withMessage(
        () -> {
          String text = driver.findElement(By.tagName("body")).getText().replace('\n', '|');
          return "the page shows: " + text.substring(0, Math.min(text.length(), 1500));
        });
    return wait;
  }

  /** Waits until the element matching {@code css} shows some text, and returns it. */
  public String awaitText(String css) {
    return await(
        d -> {
          String text = find(css).getText();
          return text.isEmpty() ? null : text;
        });
  }

  /** Waits for the first element matching {@code css} that is displayed. */
  public WebElement visible(String css) {
    return await(
        d -> findAll(css).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
  }

  /**
   * Waits until {@code condition} holds, clicking {@code refresh} before each new look: for data
   * that the server writes a moment later (the question log is flushed in the background).
   */
  public <T> T awaitClicking(String refresh, Function<WebDriver, T> condition) {
    return waiting(Duration.ofMillis(250))
        .ignoring(StaleElementReferenceException.class)
        .until(
            d -> {
              T value = condition.apply(d);
              if (value == null || Boolean.FALSE.equals(value)) {
                find(refresh).click();
                return null;
              }
              return value;
            });
  }

  /**
   * Polls something outside the browser (the server's API) until it returns neither null nor false;
   * fails after the same wait as the browser's.
   */
  public static <R> R poll(Callable<R> probe) {
    return new FluentWait<>(probe)
        .withTimeout(WAIT)
        .pollingEvery(Duration.ofMillis(100))
        .until(
            p -> {
              try {
                return p.call();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
  }

  public Object script(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** The browser console's warnings and errors since the last call (CSP refusals among them). */
  public List<String> consoleProblems() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  /**
   * Saves the page as {@code name} in the folder named by {@code SCREENSHOTS_DIR} (a system
   * property or environment variable), sized to show {@code height} pixels; without it, nothing, so
   * that a normal test run leaves the tree clean.
   */
  public void screenshot(String name, int height) {
    String dir =
        Optional.ofNullable(System.getProperty("SCREENSHOTS_DIR"))
            .orElse(System.getenv("SCREENSHOTS_DIR"));
    if (dir == null || dir.isBlank()) {
      return;
    }
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", 1280, "height", height, "deviceScaleFactor", 1, "mobile", false));
    try {
      Path file = Path.of(dir, name);
      Files.createDirectories(file.getParent());
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
