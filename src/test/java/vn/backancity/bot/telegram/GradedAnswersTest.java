package vn.backancity.bot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.LAN;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.SECRET;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.fixture;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.postUpdate;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.telegramSettings;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.withText;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.backancity.bot.App;
import vn.backancity.bot.Service;
import vn.backancity.bot.bench.FakeBotApi;
import vn.backancity.bot.chat.Language;
import vn.backancity.bot.chat.Messages;
import vn.backancity.bot.testing.GradedArticles;
import vn.backancity.bot.testing.TestApps;
import vn.backancity.bot.testing.TestDatabases;

/**
 * The graded answer on Telegram, through the webhook and a fake Bot API: "possibly related"
 * suggestions labelled as such, nothing for an off-topic question, an ask-back whose buttons work
 * on another instance, and the note on answers from before the 2025 reorganisation.
 */
class GradedAnswersTest {
  @TempDir Path first;
  @TempDir Path second;
  FakeBotApi api;
  final HttpClient http = HttpClient.newHttpClient();
  final List<AutoCloseable> running = new ArrayList<>();
  int updateId = 960_000;

  record Instance(App app, Service service) implements AutoCloseable {
    @Override
    public void close() {
      service.close();
      app.close();
    }
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : running.reversed()) {
      c.close();
    }
    api.close();
  }

  Instance start(Path data, Map<String, Object> settings) throws Exception {
    App app = TestApps.withSeeds(data, settings);
    Service service = Service.start(app, "127.0.0.1", 1);
    Instance instance = new Instance(app, service);
    running.add(instance);
    return instance;
  }

  FakeBotApi.Call say(Instance on, String text) throws Exception {
    assertThat(
            postUpdate(http, on.service().port(), withText(text, ++updateId), SECRET).statusCode())
        .isEqualTo(200);
    FakeBotApi.Call reply = api.next("sendMessage");
    assertThat(reply.chatId()).isEqualTo(LAN);
    return reply;
  }

  void press(Instance on, String data, String shown) throws Exception {
    String update =
        fixture("callback-query.json")
            .replace("731200104", String.valueOf(++updateId))
            .replace("more:q7f3:2", data)
            .replace("Kết quả cho: nông thôn mới", shown);
    assertThat(postUpdate(http, on.service().port(), update, SECRET).statusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void anAskBackOffersButtonsThatGiveTheFullAnswerOnAnotherInstance(String vendor)
      throws Exception {
    api = new FakeBotApi();
    Map<String, Object> settings = new HashMap<>(telegramSettings(api));
    if (vendor.equals("postgresql")) {
      settings.put("database.url", TestDatabases.newPostgresSchema());
    }
    Instance a = start(first, settings);
    a.app().publish(GradedArticles.all());

    FakeBotApi.Call choices = say(a, GradedArticles.AMBIGUOUS);
    assertThat(choices.text())
        .contains(Messages.CHOICES_HEADER.in(Language.VI))
        .contains(GradedArticles.VACCINATION)
        .contains(GradedArticles.RUBBISH)
        .as("short choices, not a wall of text: no excerpt")
        .doesNotContain("Phụ huynh")
        .doesNotContain("tổ dân phố");
    List<String> buttons = TelegramSubscriptionTest.buttons(choices);
    assertThat(buttons).hasSize(2).allSatisfy(b -> assertThat(b).startsWith("pick:"));
    assertThat(buttons)
        .allSatisfy(b -> assertThat(b.getBytes(StandardCharsets.UTF_8).length).isLessThan(65));
    List<String> labels = new ArrayList<>();
    choices
        .body()
        .path("reply_markup")
        .path("inline_keyboard")
        .forEach(row -> row.forEach(b -> labels.add(b.path("text").asText())));
    int vaccination = labels.get(0).contains("tiêm chủng") ? 0 : 1;
    a.close(); // the instance that asked back is gone
    running.remove(a);

    Instance b = start(vendor.equals("postgresql") ? second : first, settings);
    press(b, buttons.get(vaccination), Messages.CHOICES_HEADER.in(Language.VI));
    assertThat(api.next("answerCallbackQuery").body().path("text").asText())
        .as("no 'question too old' notice")
        .isEmpty();
    FakeBotApi.Call answer = api.next("sendMessage");
    assertThat(answer.chatId()).isEqualTo(LAN);
    assertThat(answer.text())
        .contains(GradedArticles.VACCINATION)
        .contains("Trạm y tế phường thông báo")
        .contains("Đọc bài")
        .doesNotContain(GradedArticles.RUBBISH);

    press(b, "pick:00000000:00000000", Messages.CHOICES_HEADER.in(Language.VI));
    assertThat(api.next("answerCallbackQuery").body().path("text").asText())
        .as("a forged or stale choice")
        .isEqualTo(Messages.EXPIRED.in(Language.VI));
  }

  @Test
  void suggestionsAreLabelledAndAnOffTopicQuestionGetsNothing() throws Exception {
    api = new FakeBotApi();
    Instance a = start(first, telegramSettings(api));
    a.app().publish(GradedArticles.all());

    FakeBotApi.Call related = say(a, GradedArticles.PARTLY);
    assertThat(related.text())
        .startsWith(Messages.SUGGESTIONS_HEADER.in(Language.VI))
        .contains("❔ <i>" + Messages.POSSIBLY_RELATED.in(Language.VI) + "</i>")
        .contains(GradedArticles.RUBBISH)
        .doesNotContain(Messages.ANSWERS_HEADER.in(Language.VI));
    assertThat(TelegramSubscriptionTest.buttons(related))
        .as("the staff can still be asked")
        .anySatisfy(b -> assertThat(b).startsWith("handoff:"));

    FakeBotApi.Call gold = say(a, "giá vàng hôm nay");
    assertThat(gold.text())
        .startsWith("Xin lỗi, tôi chưa tìm thấy bài viết nào")
        .doesNotContain(Messages.POSSIBLY_RELATED.in(Language.VI));
  }

  @Test
  void anAnswerFromBeforeTheReorganisationSaysSo() throws Exception {
    api = new FakeBotApi();
    Instance a = start(first, telegramSettings(api));
    a.app().publish(GradedArticles.all());

    FakeBotApi.Call old = say(a, "xã Xuất Hóa làm đường");
    assertThat(old.text())
        .contains(GradedArticles.ROADS)
        .contains("Bài viết trước ngày 01/7/2025, trước khi sắp xếp lại đơn vị hành chính.");

    FakeBotApi.Call recent = say(a, "lịch tiêm chủng cho trẻ em tháng 12");
    assertThat(recent.text())
        .as("a 2024 article that names no renamed unit")
        .contains(GradedArticles.VACCINATION)
        .doesNotContain("sắp xếp lại đơn vị hành chính");
  }
}
