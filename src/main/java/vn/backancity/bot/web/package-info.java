/**
 * The HTTP side: the one Javalin setup with every route, the web chat page, the JSON API, article
 * pages and health.
 */
package vn.backancity.bot.web;
