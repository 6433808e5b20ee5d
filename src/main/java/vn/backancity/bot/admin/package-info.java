/** The admin HTTP API and page with their Bearer-token authentication, and announcements. */
package vn.backancity.bot.admin;
