/**
 * Articles: the record, readers for each input format (portal text, JSON, JSON lines), the import
 * of files and folders, and the article store that is the source of truth for search.
 */
package vn.backancity.bot.article;
