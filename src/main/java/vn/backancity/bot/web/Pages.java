package vn.backancity.bot.web;

/** The shared frame of the server's HTML pages: Vietnamese, readable on a phone. */
final class Pages {
  private static final String STYLE =
      "body{font:17px/1.6 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:44rem;"
          + "margin:0 auto;padding:1rem;color:#1b1b1b;background:#fafafa}"
          + "h1{font-size:1.5rem;line-height:1.3}.meta,.author{color:#666}.lead{font-weight:600}"
          + ".caption{font-style:italic;color:#555}a{color:#0b5cad}";

  private Pages() {}

  static String layout(String title, String body) {
    return "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        + "<title>"
        + Html.escape(title)
        + "</title><style>"
        + STYLE
        + "</style></head><body>"
        + body
        + "</body></html>";
  }
}
