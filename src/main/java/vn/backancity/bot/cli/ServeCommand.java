package vn.backancity.bot.cli;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.backancity.bot.App;
import vn.backancity.bot.Service;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Runs the web server: web chat at /, JSON API, article pages, health, Telegram webhook."
            + " Imports the bundled articles on the first start.")
final class ServeCommand implements Callable<Integer> {
  @Mixin DataOption data;

  @Option(names = "--port", paramLabel = "N", description = "Port. Default: PORT or 7070")
  Integer port;

  @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on.")
  String host;

  @Override
  public Integer call() throws Exception {
    Map<String, Object> overrides = new HashMap<>();
    if (port != null) {
      overrides.put("server.port", port);
    }
    App app = App.open(data.settings(overrides), Clock.systemUTC());
    app.bootstrapIfEmpty();
    Service service = Service.start(app, host);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  service.close();
                  app.close();
                  stopped.countDown();
                }));
    stopped.await();
    return 0;
  }
}
