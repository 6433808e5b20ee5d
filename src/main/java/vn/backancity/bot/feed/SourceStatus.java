package vn.backancity.bot.feed;

import java.time.Instant;

/**
 * How a feed has been doing, for /health and the admin page.
 *
 * @param lastSuccess null until a poll succeeds
 * @param lastError null when the last poll succeeded
 * @param failures polls failed in a row (backoff grows with them)
 * @param articles articles taken from this feed so far
 */
public record SourceStatus(
    String name,
    String url,
    Instant lastSuccess,
    String lastError,
    Instant lastErrorAt,
    int failures,
    Instant nextAttempt,
    int articles) {}
