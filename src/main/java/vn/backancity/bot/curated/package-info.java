/**
 * The city's own answers: question variants with an answer text, an optional link and expiry,
 * matched before search and shown first as the official answer; imported and exported as JSON lines
 * or CSV.
 */
package vn.backancity.bot.curated;
