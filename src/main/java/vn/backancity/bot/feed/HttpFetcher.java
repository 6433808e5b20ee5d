package vn.backancity.bot.feed;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Polite, bounded HTTP GETs: a User-Agent that says who we are, conditional requests, timeouts, and
 * never more than {@code maxBytes} read (a 2 GB page is cut off, not buffered).
 */
final class HttpFetcher {
  /** What a GET returned; {@code body} is empty for 304. */
  record Fetched(int status, byte[] body, String etag, String lastModified, String contentType) {
    boolean notModified() {
      return status == 304;
    }
  }

  /** The body was larger than allowed. */
  static final class TooLarge extends IOException {
    TooLarge(long max) {
      super("response larger than " + max + " bytes, cut off");
    }
  }

  private final HttpClient client;
  private final String userAgent;
  private final Duration timeout;
  private final long maxBytes;

  HttpFetcher(String userAgent, Duration timeout, long maxBytes) {
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.userAgent = userAgent;
    this.timeout = timeout;
    this.maxBytes = maxBytes;
  }

  /** GETs a URL; {@code etag} and {@code lastModified} (may be null) make it conditional. */
  Fetched get(URI url, String etag, String lastModified) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url).timeout(timeout).header("User-Agent", userAgent).GET();
    if (etag != null) {
      request.header("If-None-Match", etag);
    }
    if (lastModified != null) {
      request.header("If-Modified-Since", lastModified);
    }
    HttpResponse<InputStream> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    try (InputStream body = response.body()) {
      int status = response.statusCode();
      String newEtag = response.headers().firstValue("ETag").orElse(null);
      String newModified = response.headers().firstValue("Last-Modified").orElse(null);
      String type = response.headers().firstValue("Content-Type").orElse("");
      if (status == 304) {
        return new Fetched(status, new byte[0], etag, lastModified, type);
      }
      if (status < 200 || status >= 300) {
        throw new IOException("HTTP " + status);
      }
      return new Fetched(status, readBounded(body), newEtag, newModified, type);
    }
  }

  private byte[] readBounded(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    if (bytes.length > maxBytes) {
      throw new TooLarge(maxBytes); // closing the stream drops the rest of the response
    }
    return bytes;
  }
}
