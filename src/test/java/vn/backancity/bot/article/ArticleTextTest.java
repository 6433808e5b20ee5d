package vn.backancity.bot.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.backancity.bot.search.VietnameseText;

/** Cleaning and splitting an article's text, which every imported article goes through. */
class ArticleTextTest {
  /** What clean did with regular expressions before it became one pass. */
  private static String cleanedByExpressions(String text) {
    return VietnameseText.nfc(text)
        .replace('\u00A0', ' ')
        .replaceAll("[\\p{Cc}&&[^\\n]]", " ")
        .replaceAll("[ \\t\\x0B\\f\\r\\u2000-\\u200B\\u3000]+", " ")
        .trim();
  }

  @Test
  void cleaningCollapsesTheSameSpacesAsTheExpressionsDid() {
    List<String> texts =
        List.of(
            "",
            "  \t ",
            "Một\u00A0 \u00A0hai\r\nba\u0000bốn\u0085năm\u200Bsáu\u3000\u3000bảy \n\n tám\u007F",
            " \n Dòng đầu \t\n\t Dòng hai\u2003\u2009cuối \r\n",
            Normalizer.normalize("Hòa Bình  thuỷ điện", Normalizer.Form.NFD),
            "\u00A0\u00A0\nchỉ một dòng\u000B\u000C");
    for (String text : texts) {
      assertThat(ArticleText.clean(text)).as(text).isEqualTo(cleanedByExpressions(text));
    }
  }

  @Test
  void endMarkersAndPageFurnitureAreFoundWhateverTheirLengthOrPunctuation() {
    // "Bình luận" followed by letters that folding drops is still furniture, as it always was.
    String longParagraph = "Tin liên quan ".repeat(3) + "đến hợp tác xã chè Bằng Phúc.";
    assertThat(
            ArticleText.paragraphs(
                "Đoạn một.\n"
                    + "-- Chia sẻ --\n"
                    + longParagraph
                    + "\n"
                    + "Bình luận 中文中文中文中文中文中文中文中文中文中文中文中文\n"
                    + "  TIN LIÊN QUAN:  \n"
                    + "Tin khác không thuộc bài."))
        .containsExactly("Đoạn một.", longParagraph);
  }
}
