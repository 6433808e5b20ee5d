/** Measuring answer quality against question sets with known answers. */
package vn.backancity.bot.eval;
