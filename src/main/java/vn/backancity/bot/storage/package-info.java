/**
 * The relational database (SQLite by default): connection pool and schema migrations. Other
 * packages keep their own SQL next to their own code.
 */
package vn.backancity.bot.storage;
