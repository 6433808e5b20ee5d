package vn.backancity.bot.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import vn.backancity.bot.App;

/**
 * The server ({@code serve} on loopback) in a JVM of its own, pinned to the given cores with {@code
 * taskset -c}, so that the load generator (pinned elsewhere) does not take its CPU. Its output goes
 * to a log file.
 */
final class PinnedServer implements AutoCloseable {
  private final Process process;
  private final int port;

  private PinnedServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static PinnedServer start(
      String cpus,
      List<String> jvmArgs,
      String classPath,
      Path data,
      Map<String, String> env,
      Path log)
      throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    List<String> command = new ArrayList<>(List.of("taskset", "-c", cpus));
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmArgs);
    command.addAll(List.of("-cp", classPath, App.class.getName()));
    command.addAll(List.of("serve", "--host", "127.0.0.1", "--port", String.valueOf(port)));
    command.addAll(List.of("--data", data.toString()));
    ProcessBuilder builder = new ProcessBuilder(command);
    // Only what the test sets: the operator's credentials (Zalo, Telegram, a database) must not
    // reach a server that the load test starts and then feeds with made-up chats.
    Map<String, String> environment = builder.environment();
    String path = environment.get("PATH");
    environment.clear();
    if (path != null) {
      environment.put("PATH", path);
    }
    environment.putAll(env);
    builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return new PinnedServer(builder.start(), port);
  }

  /** Waits until /health/ready answers 200. */
  PinnedServer awaitReady(Duration within) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    byte[] ready = HttpConnection.get("127.0.0.1", "/health/ready");
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("the server exited with " + process.exitValue() + " (see its log)");
      }
      try (HttpConnection c = new HttpConnection(address(), 5_000)) {
        if (c.exchange(ready) == 200) {
          return this;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    throw new IOException("the server was not ready within " + within);
  }

  InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", port);
  }

  String host() {
    return "127.0.0.1:" + port;
  }

  long pid() {
    return process.pid();
  }

  /**
   * CPU time the server process has used so far (all its threads, user and system), from
   * /proc/PID/stat in clock ticks (100 a second on Linux); -1 where that cannot be read. Less
   * sensitive than requests/s to other work on a shared machine.
   */
  long cpuMillis() {
    try {
      String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
      // The command name (field 2) is in parentheses and may hold spaces: count after it.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return ticks * 10;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Stops it as an operator would (SIGTERM, a clean shutdown), forcibly after 30 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
