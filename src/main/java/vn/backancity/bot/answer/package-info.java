/**
 * Turning search hits into replies: re-ranking by the best passage, the relevance floor, excerpts
 * with highlights, links, and the cache of frequent answers.
 */
package vn.backancity.bot.answer;
