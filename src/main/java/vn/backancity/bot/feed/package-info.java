/**
 * Fresh articles from the web: RSS and Atom feeds polled with conditional requests, pages fetched
 * with bounded size and time, main text extracted with jsoup, per-feed state and backoff.
 */
package vn.backancity.bot.feed;
