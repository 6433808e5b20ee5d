package vn.backancity.bot.article;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an article saved as text from the city portal: an optional title line, the lead (often
 * opened by a "(backancity.gov.vn)-" dateline), paragraphs mixed with photo captions, maybe an
 * author on the last line or glued to the last sentence, then page chrome.
 */
public final class PortalTextReader {

  /** Parses one article; {@code id} usually is the file name without extension. */
  public Article read(String id, String text) {
    List<String> lines = ArticleText.paragraphs(text);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("no text");
    }
    String title = null;
    int first = 0;
    if (lines.size() > 1 && ArticleText.looksLikeTitle(lines.get(0))) {
      title = lines.get(0);
      first = 1;
    }

    return assemble(id, title, new ArrayList<>(lines.subList(first, lines.size())), List.of());
  }

  /**
   * An article from a web page's parts: its title (null to derive one), its text blocks in order
   * and the captions the page marked as such. The blocks get the same cleaning as a text file.
   */
  public Article fromPage(String id, String title, List<String> blocks, List<String> captions) {
    List<String> body = ArticleText.paragraphs(String.join("\n", blocks));
    if (body.isEmpty()) {
      throw new IllegalArgumentException("no text");
    }
    String cleanTitle = title == null ? null : ArticleText.clean(title);
    if (cleanTitle != null && !body.isEmpty() && body.get(0).equals(cleanTitle)) {
      body.remove(0); // the page repeats its title as the first heading
    }
    List<String> cleanCaptions = captions.stream().map(ArticleText::clean).toList();
    return assemble(
        id, cleanTitle == null || cleanTitle.isEmpty() ? null : cleanTitle, body, cleanCaptions);
  }

  private Article assemble(String id, String title, List<String> body, List<String> knownCaptions) {
    if (body.isEmpty()) {
      throw new IllegalArgumentException("no prose, only a title");
    }
    // The author stands on the last line, or is glued to its last sentence.
    String author = null;
    String last = body.get(body.size() - 1);
    String[] glued = ArticleText.splitGluedAuthor(last);
    if (body.size() > 1 && ArticleText.looksLikeByline(last)) {
      author = body.remove(body.size() - 1);
    } else if (glued != null) {
      body.set(body.size() - 1, glued[0]);
      author = glued[1];
    }

    List<String> prose = new ArrayList<>();
    List<String> captions = new ArrayList<>(knownCaptions);
    for (String line : body) {
      String paragraph = prose.isEmpty() ? ArticleText.withoutDateline(line) : line;
      if (paragraph.isEmpty()) {
        continue;
      }
      if (ArticleText.looksLikeCaption(paragraph)) {
        captions.add(paragraph);
      } else {
        prose.add(paragraph);
      }
    }

    if (prose.isEmpty()) {
      throw new IllegalArgumentException("no prose, only captions or chrome");
    }
    if (title == null) {
      title = ArticleText.deriveTitle(prose.get(0));
    }
    String lead = prose.remove(0);
    return new Article(id, title, null, null, lead, prose, captions, author, List.of());
  }
}
