/** Benchmarks that print their figures (run with the {@code bench} command, not as tests). */
package vn.backancity.bot.bench;
