package vn.backancity.bot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.backancity.bot.answer.Answer;
import vn.backancity.bot.chat.Reply;

class TelegramFormatterTest {
  final TelegramFormatter formatter = new TelegramFormatter();

  @Test
  void longTextIsSplitIntoValidMessagesUnderTheLimit() {
    String paragraph = "Đoạn văn có <thẻ> & ký tự đặc biệt. ".repeat(60);
    String text = String.join("\n\n", List.of(paragraph, paragraph, paragraph, paragraph));

    List<TelegramMessage> messages = formatter.render(new Reply.Text(text));

    assertThat(messages).hasSizeGreaterThan(1);
    messages.forEach(m -> TelegramEndToEndTest.assertValidTelegramHtml(m.html()));
    assertThat(String.join("", messages.stream().map(TelegramMessage::html).toList()))
        .doesNotContain("<thẻ>");
  }

  @Test
  void manyLongAnswersAreSplitAndTheKeyboardGoesOnTheLastMessage() {
    List<Answer> answers = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      String excerpt = ("Câu trả lời số " + i + " rất dài & có <b> trong đó. ").repeat(25);
      answers.add(
          new Answer(
              "a" + i,
              "Tiêu đề " + i,
              "https://backancity.gov.vn/a" + i,
              null,
              excerpt,
              List.of(new Answer.Span(0, 3)),
              1.0));
    }

    List<TelegramMessage> messages =
        formatter.render(new Reply.Answers("câu hỏi", answers, 1, 0, true));

    assertThat(messages).hasSizeGreaterThan(1);
    messages.forEach(m -> TelegramEndToEndTest.assertValidTelegramHtml(m.html()));
    assertThat(messages.subList(0, messages.size() - 1)).allMatch(m -> m.keyboard() == null);
    assertThat(messages.get(messages.size() - 1).keyboard()).isNotNull();
    assertThat(messages.get(0).html()).startsWith("🔎 Kết quả cho: câu hỏi");
  }

  @Test
  void questionIsReadBackFromTheAnswersHeader() {
    assertThat(TelegramFormatter.questionIn(TelegramFormatter.header("nông thôn mới") + "\n\n1. x"))
        .isEqualTo("nông thôn mới");
    assertThat(TelegramFormatter.questionIn("Xin chào")).isNull();
    assertThat(TelegramFormatter.questionId("nông thôn mới")).hasSize(8);
  }

  @Test
  void aLookupCodeInAReplyGetsACopyButton() {
    List<TelegramMessage> messages =
        formatter.render(
            new Reply.Text(
                "Đã gửi câu hỏi tới cán bộ. Mã tra cứu của bạn là K7Q2XM, gọi 0209 3870 123."));

    var buttons = messages.get(0).keyboard().getKeyboard().get(0);
    assertThat(buttons).hasSize(2);
    assertThat(buttons.get(0).getText()).isEqualTo("📋 Mã K7Q2XM");
    assertThat(buttons.get(0).getCopyText().getText()).isEqualTo("K7Q2XM");
    assertThat(buttons.get(1).getCopyText().getText()).isEqualTo("02093870123");
    assertThat(formatter.render(new Reply.Text("Xin chào")).get(0).keyboard()).isNull();
  }

  @Test
  void onlyLongExcerptsAreQuotedExpandable() {
    String shortExcerpt = "Thành phố có 8 đơn vị hành chính.";
    String longExcerpt = "Thành phố có 8 đơn vị hành chính, gồm 6 phường và 2 xã. ".repeat(5);
    for (String excerpt : List.of(shortExcerpt, longExcerpt)) {
      String html =
          formatter
              .render(
                  new Reply.Answers(
                      "đơn vị hành chính",
                      List.of(new Answer("a", "Tiêu đề", null, null, excerpt, List.of(), 1.0)),
                      1,
                      0,
                      false))
              .get(0)
              .html();
      TelegramEndToEndTest.assertValidTelegramHtml(html);
      assertThat(html.contains("<blockquote expandable>"))
          .as("%d characters", excerpt.length())
          .isEqualTo(excerpt.length() > TelegramFormatter.EXPANDABLE_FROM);
    }
  }

  @Test
  void aDigestInPartsPreviewsItsFirstArticleOnThePartThatLinksIt() {
    List<Reply.Bulletin.Item> items = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      items.add(
          new Reply.Bulletin.Item(
              "Bài số " + i + " ".repeat(1) + "tiêu đề dài ".repeat(20),
              "Tóm tắt bài số " + i + " rất dài. ".repeat(12),
              "https://backancity.gov.vn/tin-tuc/" + i));
    }
    List<TelegramMessage> parts =
        formatter.render(new Reply.Bulletin("📰 Bản tin", null, null, items, 0, null));

    assertThat(parts).hasSizeGreaterThan(1);
    assertThat(parts.get(0).previewUrl()).isEqualTo("https://backancity.gov.vn/tin-tuc/1");
    assertThat(parts.subList(1, parts.size())).allMatch(p -> p.previewUrl() == null);
    parts.forEach(p -> TelegramEndToEndTest.assertValidTelegramHtml(p.html()));

    // Nothing Telegram could fetch: no preview.
    Reply.Bulletin local =
        new Reply.Bulletin(
            "x",
            null,
            null,
            List.of(new Reply.Bulletin.Item("t", "s", "http://localhost/a")),
            0,
            null);
    assertThat(formatter.render(local).get(0).previewUrl()).isNull();
  }
}
