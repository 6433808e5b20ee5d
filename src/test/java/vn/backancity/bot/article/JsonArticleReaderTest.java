package vn.backancity.bot.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.backancity.bot.App;

class JsonArticleReaderTest {
  final JsonArticleReader reader = new JsonArticleReader(App.jsonMapper());

  @Test
  void readsEveryField() {
    Article a =
        reader.read(
            "{\"id\":\"a1\",\"title\":\"Tiêu đề\",\"url\":\"https://backancity.gov.vn/a1\","
                + "\"published_at\":\"06/10/2021 08:15\",\"lead\":\"(backancity.gov.vn)- Mở đầu.\","
                + "\"body\":\"Câu một.\\nCâu hai.\\nCác tin khác\\nTin rác\",\"author\":\"Hà Ngà\","
                + "\"tags\":[\"NTM\",\"HTX\"],\"captions\":[\"Ảnh hội nghị\"]}",
            "fallback");

    assertThat(a.id()).isEqualTo("a1");
    assertThat(a.url()).isEqualTo("https://backancity.gov.vn/a1");
    assertThat(a.publishedAt()).isEqualTo(Instant.parse("2021-10-06T01:15:00Z"));
    assertThat(a.lead()).isEqualTo("Mở đầu.");
    assertThat(a.paragraphs()).containsExactly("Câu một.", "Câu hai.");
    assertThat(a.tags()).containsExactly("NTM", "HTX");
    assertThat(a.captions()).containsExactly("Ảnh hội nghị");
  }

  @Test
  void missingIdAndTitleAreFilledIn() {
    Article a = reader.read("{\"lead\":\"Một câu mở đầu ngắn.\",\"body\":\"Thân bài.\"}", "file-3");

    assertThat(a.id()).isEqualTo("file-3");
    assertThat(a.title()).isEqualTo("Một câu mở đầu ngắn");
  }

  @Test
  void isoDatesWithOffsetAreRead() {
    Article a =
        reader.read(
            "{\"id\":\"b\",\"title\":\"T\",\"body\":\"x.\",\"published_at\":\"2026-11-22T07:00:00+07:00\"}",
            "f");
    assertThat(a.publishedAt()).isEqualTo(Instant.parse("2026-11-22T00:00:00Z"));
  }

  @Test
  void badInputIsRejectedWithAReason() {
    assertThatThrownBy(() -> reader.read("{\"id\":\"x\",", "f"))
        .hasMessageContaining("malformed JSON");
    assertThatThrownBy(() -> reader.read("[1]", "f")).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> reader.read("{\"id\":\"x\",\"title\":\"T\"}", "f"))
        .hasMessageContaining("neither lead nor body");
    assertThatThrownBy(() -> reader.read("{\"id\":\"a b/c\",\"body\":\"x\"}", "f"))
        .hasMessageContaining("article id");
    assertThatThrownBy(() -> reader.read("{\"body\":\"x\",\"published_at\":\"hôm qua\"}", "f"))
        .hasMessageContaining("unreadable date");
    assertThatThrownBy(() -> reader.read("{\"body\":{\"a\":1}}", "f"))
        .hasMessageContaining("must be a string");
  }
}
