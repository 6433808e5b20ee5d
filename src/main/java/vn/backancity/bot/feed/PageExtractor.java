package vn.backancity.bot.feed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Finds an article's text in a portal page: the site's own CSS selector when configured, else the
 * element holding the most paragraph text. Menus, sidebars, share buttons, comment boxes and
 * related-article lists are dropped; photo captions are kept apart.
 */
final class PageExtractor {
  /** What a page holds; {@code date} is the page's publication date text, or null. */
  record Page(String title, List<String> paragraphs, List<String> captions, String date) {}

  private static final String CHROME =
      "script, style, noscript, iframe, form, nav, header, footer, aside, button, "
          + "[class*=menu], [class*=share], [class*=social], [class*=comment], [id*=comment], "
          + "[class*=related], [class*=breadcrumb], [class*=sidebar], [class*=banner], "
          + "[class*=tin-khac], [class*=other-news]";
  private static final String CAPTIONS = "figcaption, [class*=caption], .image-desc, .img-desc";
  private static final Pattern VIETNAMESE_DATE =
      Pattern.compile("\\d{1,2}/\\d{1,2}/\\d{4}(?:[ ,-]+\\d{1,2}:\\d{2})?");

  Page extract(byte[] html, String url, String selector) throws IOException {
    Document doc = Jsoup.parse(new ByteArrayInputStream(html), null, url);
    String title = firstText(doc, "meta[property=og:title]", "content");
    if (title == null) {
      Element h1 = doc.selectFirst("h1");
      title = h1 != null ? h1.text() : doc.title();
    }
    String date = date(doc);
    Element body = selector == null ? null : doc.selectFirst(selector);
    doc.select(CHROME).remove();
    if (body == null || body.ownerDocument() == null) {
      body = largestTextBlock(doc);
    }
    List<String> captions = new ArrayList<>();
    for (Element caption : body.select(CAPTIONS)) {
      if (!caption.text().isBlank()) {
        captions.add(caption.text());
      }
      caption.remove();
    }
    List<String> paragraphs = new ArrayList<>();
    for (Element block : body.select("p, h2, h3, h4, li, blockquote")) {
      if (block.parents().stream().anyMatch(p -> p.is("p, li, blockquote"))) {
        continue; // counted with its enclosing block
      }
      String text = block.text().strip();
      if (!text.isEmpty()) {
        paragraphs.add(text);
      }
    }
    if (paragraphs.isEmpty()) {
      for (String line : body.wholeText().split("\n")) {
        if (!line.isBlank()) {
          paragraphs.add(line.strip());
        }
      }
    }
    return new Page(title, paragraphs, captions, date);
  }

  /** The element whose own paragraphs hold the most text: the article body on most portals. */
  private static Element largestTextBlock(Document doc) {
    Element best = doc.body();
    int bestLength = 0;
    for (Element candidate : doc.body().select("div, article, section, main, td")) {
      int length = 0;
      for (Element child : candidate.children()) {
        if (child.is("p, h2, h3, blockquote, ul, ol, figure")) {
          length += child.text().length();
        }
      }
      if (length > bestLength) {
        bestLength = length;
        best = candidate;
      }
    }
    return best;
  }

  private static String date(Document doc) {
    String meta = firstText(doc, "meta[property=article:published_time]", "content");
    if (meta != null) {
      return meta;
    }
    for (Element e : doc.select("time, [class*=date], [class*=time], [class*=ngay]")) {
      String text = e.hasAttr("datetime") ? e.attr("datetime") : e.text();
      Matcher m = VIETNAMESE_DATE.matcher(text);
      if (e.hasAttr("datetime") && !text.isBlank()) {
        return text;
      }
      if (m.find()) {
        return m.group().replaceAll("[ ,-]+(?=\\d{1,2}:)", " ");
      }
    }
    return null;
  }

  private static String firstText(Document doc, String cssQuery, String attribute) {
    Element e = doc.selectFirst(cssQuery);
    return e == null || e.attr(attribute).isBlank() ? null : e.attr(attribute);
  }
}
