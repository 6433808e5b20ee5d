package vn.backancity.bot.web;

/**
 * The shared frame of the server's HTML pages: Vietnamese, readable on a phone. Its style is a file
 * ({@code /assets/page.css}): the pages' Content-Security-Policy allows no inline style.
 */
final class Pages {
  private Pages() {}

  static String layout(String title, String body) {
    return "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        + "<title>"
        + Html.escape(title)
        + "</title><link rel=\"stylesheet\" href=\"/assets/page.css\"></head><body>"
        + body
        + "</body></html>";
  }
}
