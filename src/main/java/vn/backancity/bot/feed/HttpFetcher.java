package vn.backancity.bot.feed;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Polite, bounded HTTP GETs: a User-Agent that says who we are, conditional requests, one deadline
 * for the whole fetch (redirects and the body included), never more than {@code maxBytes} read (a 2
 * GB page is cut off, not buffered), and only where a feed's {@link FetchPolicy} allows.
 *
 * <p>OkHttp rather than the JDK's HttpClient: the JDK's timeouts stop at the response headers
 * (JDK-8208693), so a server that stalls or trickles its body would hang the feed thread; OkHttp's
 * call timeout covers the body. Redirects are followed here, not by the client, so that every hop
 * is checked by the policy; and no proxy is used, so that the addresses checked are the ones
 * connected to.
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

  /** No complete answer within the deadline. */
  static final class TimedOut extends IOException {
    TimedOut(Duration deadline) {
      super("timeout: no complete answer within " + deadline.toMillis() + " ms");
    }
  }

  private final OkHttpClient client;
  private final FetchPolicy policy;
  private final String userAgent;
  private final Duration timeout;
  private final long maxBytes;

  /** A fetcher that fetches nothing until given a policy ({@link #within}). */
  HttpFetcher(String userAgent, Duration timeout, long maxBytes) {
    this(
        new OkHttpClient.Builder()
            .callTimeout(timeout)
            .connectTimeout(timeout)
            .readTimeout(timeout)
            .followRedirects(false)
            .followSslRedirects(false)
            .proxy(Proxy.NO_PROXY)
            .build(),
        null,
        userAgent,
        timeout,
        maxBytes);
  }

  private HttpFetcher(
      OkHttpClient client, FetchPolicy policy, String userAgent, Duration timeout, long maxBytes) {
    this.client = client;
    this.policy = policy;
    this.userAgent = userAgent;
    this.timeout = timeout;
    this.maxBytes = maxBytes;
  }

  /**
   * The same fetcher restricted to {@code policy}; its connections are resolved by the policy, and
   * pooled for this policy only.
   */
  HttpFetcher within(FetchPolicy policy) {
    return new HttpFetcher(
        client.newBuilder().dns(policy::addresses).build(), policy, userAgent, timeout, maxBytes);
  }

  /** GETs a URL; {@code etag} and {@code lastModified} (may be null) make it conditional. */
  Fetched get(URI url, String etag, String lastModified) throws IOException {
    if (policy == null) {
      throw new IllegalStateException("a fetch needs a policy: use within(policy)");
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    URI current = url;
    for (int redirects = 0; ; redirects++) {
      if (redirects == 0) {
        policy.check(current);
      } else {
        try {
          policy.check(current);
        } catch (FetchPolicy.Refused e) {
          throw new FetchPolicy.Refused("redirect to " + current + ": " + e.reason());
        }
      }
      Request.Builder request =
          new Request.Builder().url(current.toString()).header("User-Agent", userAgent).get();
      if (etag != null) {
        request.header("If-None-Match", etag);
      }
      if (lastModified != null) {
        request.header("If-Modified-Since", lastModified);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new TimedOut(timeout);
      }
      Call call = client.newCall(request.build());
      call.timeout().timeout(left, TimeUnit.NANOSECONDS); // what the earlier hops left
      try (Response response = call.execute()) {
        int status = response.code();
        if (response.isRedirect()) {
          if (redirects == FetchPolicy.MAX_REDIRECTS) {
            throw new FetchPolicy.Refused("more than " + FetchPolicy.MAX_REDIRECTS + " redirects");
          }
          current = next(current, response.header("Location"));
          continue;
        }
        String type = response.header("Content-Type", "");
        if (status == 304) {
          return new Fetched(status, new byte[0], etag, lastModified, type);
        }
        if (status < 200 || status >= 300) {
          throw new IOException("HTTP " + status);
        }
        ResponseBody body = response.body();
        return new Fetched(
            status,
            readBounded(body.byteStream()),
            response.header("ETag"),
            response.header("Last-Modified"),
            type);
      } catch (InterruptedIOException e) {
        throw new TimedOut(timeout); // OkHttp's call timeout, or the thread was interrupted
      }
    }
  }

  private static URI next(URI from, String location) throws IOException {
    if (location == null || location.isBlank()) {
      throw new IOException("redirect without a Location");
    }
    try {
      return from.resolve(location.strip());
    } catch (IllegalArgumentException e) {
      throw new IOException("bad redirect Location: " + e.getMessage(), e);
    }
  }

  private byte[] readBounded(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    if (bytes.length > maxBytes) {
      throw new TooLarge(maxBytes); // closing the response drops the rest of it
    }
    return bytes;
  }
}
