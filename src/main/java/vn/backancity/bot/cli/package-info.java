/** The command line (picocli): serve, import, ask, reindex, eval, telegram set-webhook. */
package vn.backancity.bot.cli;
