package vn.backancity.bot.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A news site on loopback: pages and feeds by path, with ETag answers (304 on a match), request
 * counts per path, redirects, an endless page, and pages that stall or trickle after their headers
 * (what the JDK HttpClient's timeouts do not cover).
 */
public final class FakeSite implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService pool;
  private final Map<String, String> pages = new ConcurrentHashMap<>();
  private final Map<String, String> redirects = new ConcurrentHashMap<>();
  private final Map<String, String> stalled = new ConcurrentHashMap<>();
  private final Map<String, Boolean> trickling = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final CountDownLatch closed = new CountDownLatch(1);

  public FakeSite() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    // Stalled answers hold their thread until the site closes: never run out of threads.
    pool =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "fake-site");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(pool);
    server.start();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** host:port, as a feed's {@code hosts} setting names it. */
  public String authority() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  public void put(String path, String body) {
    pages.put(path, body);
  }

  /** What {@link #put} put at a path. */
  public String pages(String path) {
    return pages.get(path);
  }

  /** Answers 302 with this Location (absolute or relative). */
  public void redirect(String path, String location) {
    redirects.put(path, location);
  }

  /** Sends the headers and the first half of {@code body}, then nothing until the site closes. */
  public void stall(String path, String body) {
    stalled.put(path, body);
  }

  /** Sends the headers, then one byte every 100 ms for as long as the client listens. */
  public void trickle(String path) {
    trickling.put(path, true);
  }

  /** Full responses (200) served for a path; 304s are not counted. */
  public int served(String path) {
    return hits.computeIfAbsent(path, p -> new AtomicInteger()).get();
  }

  /** Every request for a path, whatever the answer. */
  public int requested(String path) {
    return requests.computeIfAbsent(path, p -> new AtomicInteger()).get();
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    try (ex) {
      if (path.equals("/endless.html")) {
        ex.sendResponseHeaders(200, 0);
        byte[] chunk = "<p>xxxxxxxxxx</p>".repeat(1000).getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = ex.getResponseBody()) {
          for (int i = 0; i < 2000; i++) { // 34 MB unless the client hangs up first
            out.write(chunk);
          }
        } catch (IOException hungUp) {
          // expected: the reader stops at its limit
        }
        return;
      }
      if (redirects.containsKey(path)) {
        ex.getResponseHeaders().add("Location", redirects.get(path));
        ex.sendResponseHeaders(302, -1);
        return;
      }
      if (stalled.containsKey(path)) {
        byte[] bytes = stalled.get(path).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/xml");
        ex.sendResponseHeaders(200, bytes.length);
        OutputStream out = ex.getResponseBody();
        out.write(bytes, 0, bytes.length / 2);
        out.flush();
        await(closed, Long.MAX_VALUE);
        return;
      }
      if (trickling.containsKey(path)) {
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        try {
          out.write("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>".getBytes());
          while (!await(closed, 100)) {
            out.write(' ');
            out.flush();
          }
        } catch (IOException hungUp) {
          // the client gave up: what a deadline is for
        }
        return;
      }
      String body = pages.get(path);
      if (body == null) {
        ex.sendResponseHeaders(path.equals("/broken.xml") ? 500 : 404, -1);
        return;
      }
      String etag = "\"" + Integer.toHexString(body.hashCode()) + "\"";
      if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
        ex.sendResponseHeaders(304, -1);
        return;
      }
      hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("ETag", etag);
      ex.getResponseHeaders()
          .add(
              "Content-Type",
              path.endsWith(".xml") ? "application/xml" : "text/html; charset=utf-8");
      ex.sendResponseHeaders(200, bytes.length);
      ex.getResponseBody().write(bytes);
    }
  }

  /** True when the latch opened within {@code millis}. */
  private static boolean await(CountDownLatch latch, long millis) {
    try {
      return latch.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    pool.shutdownNow();
  }
}
