package vn.backancity.bot.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.backancity.bot.App;

/**
 * The server as a separate JVM (the test's class path, {@code serve} on loopback), for tests that
 * kill it with SIGKILL: no shutdown hook, no cleanup, as in a crash or an OOM kill.
 */
public final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final int port;

  private ServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts {@code serve} on {@code port} with the data folder, environment variables and system
   * properties (settings keys, e.g. "delivery.rate") given; its output goes to {@code log}.
   */
  public static ServerProcess start(
      Path data, int port, Map<String, String> env, Map<String, String> properties, Path log)
      throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>();
    command.add(java);
    properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(App.class.getName());
    command.addAll(List.of("serve", "--host", "127.0.0.1", "--port", String.valueOf(port)));
    command.addAll(List.of("--data", data.toString()));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    Files.createDirectories(log.toAbsolutePath().getParent());
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    return new ServerProcess(builder.start(), port);
  }

  /** Waits until /health answers 200 (60 s at most). */
  public ServerProcess awaitUp() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("the server process exited with " + process.exitValue());
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return this;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the server process did not start within 60 s");
  }

  public int port() {
    return port;
  }

  /** SIGKILL, and waits for the process to be gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** A normal stop (SIGTERM: the shutdown hook runs). */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
