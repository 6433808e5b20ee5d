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
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A news site on loopback: pages and feeds by path, with ETag answers (304 on a match), request
 * counts per path, an endless page and a page that answers too late.
 */
public final class FakeSite implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, String> pages = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

  public FakeSite() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public void put(String path, String body) {
    pages.put(path, body);
  }

  /** Full responses (200) served for a path; 304s are not counted. */
  public int served(String path) {
    return hits.computeIfAbsent(path, p -> new AtomicInteger()).get();
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
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
      if (path.equals("/slow.xml")) {
        try {
          Thread.sleep(3000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
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

  @Override
  public void close() {
    server.stop(0);
  }
}
