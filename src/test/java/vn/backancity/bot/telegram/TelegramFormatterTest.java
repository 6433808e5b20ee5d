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
}
