package vn.backancity.bot.article;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One news article as the service keeps it: prose split into paragraphs, photo captions kept apart
 * from the prose, page chrome already gone. Text is NFC.
 *
 * @param id stable identifier: the source's id, or the file name the article came from
 * @param url the article's own page, or null when it has none (we then serve one). Readers accept
 *     only http(s) addresses, but rows saved before they checked may hold anything: show it through
 *     {@link #webUrl()}, never as it is
 * @param publishedAt when it was published, or null when unknown
 * @param lead the summary paragraph, or "" when none
 */
public record Article(
    String id,
    String title,
    String url,
    Instant publishedAt,
    String lead,
    List<String> paragraphs,
    List<String> captions,
    String author,
    List<String> tags) {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~-]{0,199}");
  // An absolute http(s) address with a host, and nothing a browser would strip or reinterpret
  // (spaces, control characters). The scheme is what matters: javascript:, data: and vbscript:
  // links run script on our origin; relative ones point into it.
  private static final Pattern WEB_ADDRESS =
      Pattern.compile("(?i)https?://[^\\s/?#\\\\\\p{Cntrl}]+(?:[/?#][^\\s\\p{Cntrl}]*)?");

  /** Whether {@code url} is an absolute http(s) address with a host: the only links we show. */
  public static boolean isWebAddress(String url) {
    return url != null && WEB_ADDRESS.matcher(url).matches();
  }

  public Article {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "article id must be 1-200 letters, digits, '.', '_', '~' or '-', not: " + id);
    }
    if (title == null || title.isBlank()) {
      throw new IllegalArgumentException("article " + id + " has no title");
    }
    lead = lead == null ? "" : lead;
    paragraphs = List.copyOf(paragraphs);
    captions = captions == null ? List.of() : List.copyOf(captions);
    tags = tags == null ? List.of() : List.copyOf(tags);
    if (lead.isBlank() && paragraphs.isEmpty()) {
      throw new IllegalArgumentException("article " + id + " has no text");
    }
  }

  /** The same article at a source address, published then (null when unknown). */
  public Article at(String url, Instant publishedAt) {
    return new Article(id, title, url, publishedAt, lead, paragraphs, captions, author, tags);
  }

  /**
   * The article's own page when it is an http(s) address; empty when it has none (or a bad one).
   */
  public Optional<String> webUrl() {
    return isWebAddress(url) ? Optional.of(url) : Optional.empty();
  }

  /** Lead first, then the body paragraphs: the prose a reader sees. */
  public List<String> prose() {
    List<String> all = new ArrayList<>(paragraphs.size() + 1);
    if (!lead.isBlank()) {
      all.add(lead);
    }
    all.addAll(paragraphs);
    return all;
  }

  /** The prose as one text, paragraphs separated by blank lines. */
  public String proseText() {
    return String.join("\n\n", prose());
  }
}
