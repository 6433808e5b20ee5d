/**
 * The article catalog: publishing, deleting and reindexing articles, and keeping this instance's
 * search index (and cached answers) in step with the database's change feed, whichever instance
 * made the change.
 */
package vn.backancity.bot.catalog;
