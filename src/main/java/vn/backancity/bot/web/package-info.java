/**
 * The HTTP side: the one Javalin setup with every route, the web chat page, the JSON API, article
 * pages and health; the headers every response carries (CSP and the like) and the limits on the
 * public routes (per client, and on concurrent searches).
 */
package vn.backancity.bot.web;
