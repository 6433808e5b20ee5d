package vn.backancity.bot.testing;

import java.nio.file.Path;
import java.util.Map;
import vn.backancity.bot.App;
import vn.backancity.bot.Service;

/**
 * A headless browser and a real server with the seed articles and an admin token, for the browser
 * tests; without a browser on the machine, none of it is started ({@link #browser()} is null and
 * the tests skip or fail through {@link Browser#assumeOpen}).
 */
public final class BrowserSite implements AutoCloseable {
  private final Browser browser;
  private final App app;
  private final Service service;

  private BrowserSite(Browser browser, App app, Service service) {
    this.browser = browser;
    this.app = app;
    this.service = service;
  }

  public static BrowserSite open(Path data, String adminToken) throws Exception {
    Browser browser = Browser.openOrNull();
    if (browser == null) {
      return new BrowserSite(null, null, null);
    }
    App app = TestApps.withSeeds(data, Map.of("admin.token", adminToken));
    return new BrowserSite(browser, app, Service.start(app, "127.0.0.1"));
  }

  public Browser browser() {
    return browser;
  }

  public AdminClient admin(String token) {
    return service == null ? null : new AdminClient(service.port(), token);
  }

  /** http://127.0.0.1:port, or null without a browser. */
  public String base() {
    return service == null ? null : "http://127.0.0.1:" + service.port();
  }

  @Override
  public void close() {
    if (service != null) {
      service.close();
      app.close();
    }
    if (browser != null) {
      browser.close();
    }
  }
}
