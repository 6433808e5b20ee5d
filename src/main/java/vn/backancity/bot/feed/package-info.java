/**
 * Fresh articles from the web: RSS and Atom feeds polled side by side with conditional requests;
 * item pages fetched within one deadline (body included) and a size bound, only where the feed's
 * {@link vn.backancity.bot.feed.FetchPolicy} allows; main text extracted with jsoup; per-feed state
 * and backoff. A bad item is skipped with its reason, never its feed.
 */
package vn.backancity.bot.feed;
