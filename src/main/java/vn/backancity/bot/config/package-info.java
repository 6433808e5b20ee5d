/**
 * Typed settings loaded from config/application.conf, overridden by environment variables and then
 * by command-line flags.
 */
package vn.backancity.bot.config;
