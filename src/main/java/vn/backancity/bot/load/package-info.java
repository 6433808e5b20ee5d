/**
 * The load test ({@code loadtest}): the real server in its own process, pinned to chosen cores, and
 * a load generator on loopback that keeps N keep-alive connections busy for a fixed time with fixed
 * request mixes, then reports requests/s, latency percentiles and errors per endpoint.
 */
package vn.backancity.bot.load;
