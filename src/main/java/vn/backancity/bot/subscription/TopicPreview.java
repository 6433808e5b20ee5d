package vn.backancity.bot.subscription;

import java.util.List;
import vn.backancity.bot.answer.Links;
import vn.backancity.bot.chat.Reply;
import vn.backancity.bot.search.ArticleIndex;

/** The latest articles a topic matches: shown when a citizen subscribes, so they see what comes. */
public interface TopicPreview {
  /** Shows nothing (where no index is at hand). */
  TopicPreview NONE = (words, n) -> List.of();

  /** Up to {@code n} articles matching the topic, newest first, as digest items. */
  List<Reply.Bulletin.Item> latest(TopicMatcher.Words words, int n);

  /**
   * Candidates from the index (the topic's phrases as folded words, excluded phrases ruled out),
   * each checked by the matcher that alerts and digests use, so the preview shows what will come.
   */
  static TopicPreview of(ArticleIndex index, TopicMatcher matcher, Links links) {
    return (words, n) -> {
      List<String> phrases = List.copyOf(matcher.phrases(words.key()));
      List<String> excluded =
          words.excluded().stream().flatMap(e -> matcher.phrases(e).stream()).toList();
      // A few more than asked: an index candidate the matcher disagrees with is skipped.
      return index.newest(phrases, excluded, n * 4).stream()
          .filter(a -> matcher.matches(words, matcher.text(a)))
          .limit(n)
          .map(a -> new Reply.Bulletin.Item(a.title(), Summaries.firstSentence(a), links.of(a)))
          .toList();
    };
  }
}
