/**
 * Vietnamese search: text normalization (NFC, tone placement, folding), the Lucene analysis chain,
 * question analysis with abbreviation expansion, and the article index.
 */
package vn.backancity.bot.search;
