package vn.backancity.bot.web;

import io.javalin.http.Context;

/**
 * The headers every response carries, set once before any handler runs (so error pages and 404s
 * have them too). The admin token lives in the admin page's sessionStorage on this origin: a script
 * injected into any page here could read it. The policy lets only our own files run ({@code
 * /assets/*.js}, no inline script or style, no eval), lets pages call only this server, and forbids
 * framing (clickjacking of the admin console). JSON answers carry it too: it costs nothing and
 * covers a JSON body opened as a page.
 */
final class SecurityHeaders {
  static final String POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
          + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

  private SecurityHeaders() {}

  static void apply(Context ctx) {
    ctx.header("Content-Security-Policy", POLICY);
    // frame-ancestors for today's browsers, X-Frame-Options for older ones.
    ctx.header("X-Frame-Options", "DENY");
    // Bodies are what their Content-Type says: a JSON answer holding markup is never run as HTML.
    ctx.header("X-Content-Type-Options", "nosniff");
    // Article sites we link to see our origin, never the page's query (/tin-moi's topics).
    ctx.header("Referrer-Policy", "strict-origin-when-cross-origin");
  }
}
