package vn.backancity.bot.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.search.Abbreviations;

/** Topics with excluded phrases: read as folded words, matched on the article's folded words. */
class TopicMatcherTest {
  final TopicMatcher matcher = new TopicMatcher(Abbreviations.parse("NTM\tnông thôn mới"));

  static Article article(String title, String text) {
    return new Article(
        "x", title, null, Instant.EPOCH, text, List.of(), List.of(), null, List.of());
  }

  @Test
  void aMinusStartsAnExcludedPhraseAndTheKeyStaysTheTopicsOwn() {
    TopicMatcher.Words w = TopicMatcher.words("Nông thôn mới -bóng đá –  xổ số");
    assertThat(w.key()).isEqualTo("nong thon moi").isEqualTo(TopicMatcher.key("Nông thôn mới"));
    assertThat(w.excluded()).containsExactly("bong da", "xo so");
    assertThat(w.spec()).isEqualTo("nong thon moi -bong da -xo so");
    assertThat(TopicMatcher.words(w.spec())).isEqualTo(w);
    assertThat(TopicMatcher.words("KT-XH").excluded()).as("a hyphen inside a word").isEmpty();
    assertThat(TopicMatcher.excludedAsTyped("nông thôn mới -bóng đá")).containsExactly("bóng đá");
  }

  @Test
  void anArticleWithAnExcludedPhraseDoesNotMatch() {
    TopicMatcher.Words w = TopicMatcher.words("nông thôn mới -bóng đá");
    TopicMatcher.Text football =
        matcher.text(article("Giải bóng đá xã nông thôn mới", "Khai mạc giải bóng đá."));
    TopicMatcher.Text roads =
        matcher.text(article("Xã đạt chuẩn nông thôn mới", "Đường bê tông về thôn."));
    assertThat(matcher.matches(w.key(), football)).isTrue();
    assertThat(matcher.matches(w, football)).isFalse();
    assertThat(matcher.matches(w, roads)).isTrue();
  }
}
