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

    // The author stands on the last line, or is glued to its last sentence.
    List<String> body = new ArrayList<>(lines.subList(first, lines.size()));
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
    List<String> captions = new ArrayList<>();
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
