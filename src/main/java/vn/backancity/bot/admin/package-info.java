/** The admin HTTP API and its Bearer-token authentication. */
package vn.backancity.bot.admin;
