package vn.backancity.bot.web;

import io.javalin.http.HttpResponseException;

/**
 * A refusal that says when to come back: 429 (this client asked too often) or 503 (the server is
 * busy). Mapped once in {@link WebServer}, which adds the {@code Retry-After} header.
 */
final class RetryLaterResponse extends HttpResponseException {
  private final long seconds;

  RetryLaterResponse(int status, String message, long seconds) {
    super(status, message);
    this.seconds = Math.max(1, seconds);
  }

  /** Whole seconds to wait, at least one. */
  long seconds() {
    return seconds;
  }
}
