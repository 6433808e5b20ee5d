/**
 * What the service tells Prometheus: one Micrometer registry per app with the JVM's meters, HTTP
 * latency per route, the answer cache, deliveries per channel and outcome, feed polls, and the
 * outbox and index read at most every two seconds; {@code GET /metrics} serves it behind a token.
 */
package vn.backancity.bot.metrics;
