package vn.backancity.bot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.LAN;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.SECRET;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.fixture;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.postUpdate;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.telegramSettings;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.withText;
import static vn.backancity.bot.telegram.TelegramSubscriptionTest.buttons;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.Service;
import vn.backancity.bot.bench.FakeBotApi;
import vn.backancity.bot.chat.Language;
import vn.backancity.bot.testing.TestApps;

/**
 * English for the bot's own texts: from Telegram's language_code, or chosen in /caidat (and kept
 * across a restart), while the answers still come from the Vietnamese articles.
 */
class TelegramEnglishTest {
  static final long JOHN = 5113370009L;

  @TempDir Path data;
  FakeBotApi api;
  Map<String, Object> settings;
  App app;
  Service service;
  final HttpClient http = HttpClient.newHttpClient();
  int updateId = 950_000;

  @BeforeEach
  void start() throws Exception {
    api = new FakeBotApi();
    settings = new HashMap<>(telegramSettings(api));
    settings.put("telegram.admin-ids", String.valueOf(LAN));
    app = TestApps.withSeeds(data, settings);
    service = Service.start(app, "127.0.0.1", 1);
  }

  @AfterEach
  void stop() {
    service.close();
    app.close();
    api.close();
  }

  /** A message from {@code chat} whose Telegram app is in {@code languageCode}. */
  FakeBotApi.Call say(long chat, String languageCode, String text) throws Exception {
    String update =
        withText(text, ++updateId)
            .replace(String.valueOf(LAN), String.valueOf(chat))
            .replace("\"language_code\": \"vi\"", "\"language_code\": \"" + languageCode + "\"");
    assertThat(postUpdate(http, service.port(), update, SECRET).statusCode()).isEqualTo(200);
    FakeBotApi.Call reply = api.next("sendMessage");
    assertThat(reply.chatId()).isEqualTo(chat);
    return reply;
  }

  FakeBotApi.Call press(long chat, String data) throws Exception {
    pressOnly(chat, data);
    FakeBotApi.Call reply = api.next("sendMessage");
    assertThat(reply.chatId()).isEqualTo(chat);
    return reply;
  }

  void pressOnly(long chat, String data) throws Exception {
    String update =
        fixture("callback-query.json")
            .replace("731200104", String.valueOf(++updateId))
            .replace("more:q7f3:2", data)
            .replace(String.valueOf(LAN), String.valueOf(chat));
    assertThat(postUpdate(http, service.port(), update, SECRET).statusCode()).isEqualTo(200);
    assertThat(api.next("answerCallbackQuery")).isNotNull();
  }

  @Test
  void anEnglishTelegramGetsEnglishWelcomeAnswerNoteAndNotFound() throws Exception {
    assertThat(say(JOHN, "en", "/start").text())
        .startsWith("Hello! I am the news assistant")
        .contains("How to use:")
        .doesNotContain("Xin chào");

    FakeBotApi.Call answer = say(JOHN, "en-GB", "nông thôn mới");
    assertThat(answer.text())
        .startsWith("🔎 Results for: nông thôn mới")
        .contains("Answers come from the Vietnamese articles of the city portal")
        .containsIgnoringCase("nông thôn mới");
    assertThat(answer.text().split("Vietnamese articles", -1)).as("one note").hasSize(2);
    assertThat(buttons(answer)).anyMatch(b -> b.startsWith("vote:"));
    assertThat(answer.body().toString()).contains("👍 Helpful").contains("Read 1");

    FakeBotApi.Call notFound = say(JOHN, "en", "What is the weather like on Jupiter tonight?");
    assertThat(notFound.text())
        .startsWith("Sorry, I found no article")
        .contains("please try asking in Vietnamese");
    assertThat(notFound.body().toString()).contains("Ask staff");

    // The same question from a Vietnamese Telegram: Vietnamese, no note.
    FakeBotApi.Call vi = say(LAN, "vi", "nông thôn mới");
    assertThat(vi.text()).startsWith("🔎 Kết quả cho: nông thôn mới").doesNotContain("Vietnamese");
  }

  @Test
  void caidatSwitchesToEnglishAndBackAndTheChoiceOutlivesARestart() throws Exception {
    FakeBotApi.Call settingsView = say(LAN, "vi", "/caidat");
    assertThat(buttons(settingsView)).contains("set:lang:en");
    assertThat(settingsView.body().toString()).contains("🇬🇧 English");

    FakeBotApi.Call switched = press(LAN, "set:lang:en");
    assertThat(switched.text()).startsWith("Switched to English").contains("not subscribed");
    assertThat(buttons(switched)).contains("set:lang:vi");
    assertThat(app.chats().language("telegram", String.valueOf(LAN))).isEqualTo(Language.EN);

    // Restarted: the choice is kept, and wins over the Vietnamese Telegram.
    service.close();
    app.close();
    app = TestApps.withSeeds(data, settings);
    service = Service.start(app, "127.0.0.1", 1);
    assertThat(say(LAN, "vi", "/dangky").text()).startsWith("Subscribed: you will get");
    FakeBotApi.Call view = say(LAN, "vi", "/caidat");
    assertThat(view.text()).contains("Your settings").contains("Language: English");

    assertThat(press(LAN, "set:lang:vi").text()).startsWith("Đã chuyển sang tiếng Việt");
    assertThat(say(LAN, "en", "/help").text()).startsWith("Cách dùng:");
    assertThat(app.chats().language("telegram", String.valueOf(LAN))).isEqualTo(Language.VI);
  }

  @Test
  void anAnnouncementReachesEachSubscriberInItsOwnLanguage() throws Exception {
    say(JOHN, "en", "/dangky");
    FakeBotApi.Call preview = say(LAN, "vi", "/thongbao Sáng mai 7h cắt điện phường Đức Xuân");
    say(LAN, "vi", "/dangky");
    String send = buttons(preview).get(0);
    assertThat(send).startsWith("ann:send:");
    pressOnly(LAN, send);
    List<FakeBotApi.Call> pushed = new ArrayList<>();
    while (pushed.size() < 3) {
      pushed.add(api.next("sendMessage"));
    }
    assertThat(pushed)
        .anySatisfy(c -> assertThat(c.text()).startsWith("Đã xếp thông báo")) // to the admin
        .anySatisfy(
            c -> {
              assertThat(c.chatId()).isEqualTo(JOHN);
              assertThat(c.text())
                  .contains("<b>📢 Announcement</b>")
                  .contains("Sáng mai 7h cắt điện phường Đức Xuân");
            })
        .anySatisfy(
            c -> {
              assertThat(c.chatId()).isEqualTo(LAN);
              assertThat(c.text())
                  .contains("<b>📢 Thông báo</b>")
                  .contains("Sáng mai 7h cắt điện phường Đức Xuân");
            });
  }
}
