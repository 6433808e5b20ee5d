package vn.backancity.bot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.LAN;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.SECRET;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.fixture;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.postUpdate;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.telegramSettings;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.withText;

import com.fasterxml.jackson.databind.JsonNode;
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
import vn.backancity.bot.testing.TestApps;

/** /dangky, /huy, /caidat with its buttons, and an admin's /thongbao, through the real server. */
class TelegramSubscriptionTest {
  static final long MINH = 5113370002L;

  @TempDir Path data;
  FakeBotApi api;
  App app;
  Service service;
  final HttpClient http = HttpClient.newHttpClient();
  int updateId = 900_000;

  @BeforeEach
  void start() throws Exception {
    api = new FakeBotApi();
    Map<String, Object> settings = new HashMap<>(telegramSettings(api));
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

  FakeBotApi.Call say(long chat, String text) throws Exception {
    post(withText(text, ++updateId).replace(String.valueOf(LAN), String.valueOf(chat)));
    FakeBotApi.Call reply = api.next("sendMessage");
    assertThat(reply.chatId()).isEqualTo(chat);
    return reply;
  }

  void press(long chat, String data) throws Exception {
    String update =
        fixture("callback-query.json")
            .replace("731200104", String.valueOf(++updateId))
            .replace("more:q7f3:2", data)
            .replace(String.valueOf(LAN), String.valueOf(chat));
    post(update);
  }

  void post(String body) throws Exception {
    assertThat(postUpdate(http, service.port(), body, SECRET).statusCode()).isEqualTo(200);
  }

  static List<String> buttons(FakeBotApi.Call call) {
    List<String> data = new ArrayList<>();
    for (JsonNode row : call.body().path("reply_markup").path("inline_keyboard")) {
      for (JsonNode button : row) {
        data.add(button.path("callback_data").asText());
      }
    }
    return data;
  }

  @Test
  void subscribeChangeTimeAddTopicSeeSettingsAndUnsubscribe() throws Exception {
    assertThat(say(LAN, "/dangky").text()).contains("Đã đăng ký nhận bản tin lúc 07:00");
    assertThat(say(LAN, "/dangky 18h30").text()).contains("Đã đổi giờ nhận bản tin sang 18:30");
    assertThat(say(LAN, "/dangky nông thôn mới").text()).contains("Đã thêm chủ đề “nông thôn mới”");
    assertThat(say(LAN, "/dangky nong thon moi").text()).contains("đã theo dõi");

    FakeBotApi.Call settings = say(LAN, "/caidat");
    assertThat(settings.text()).contains("bật, lúc 18:30").contains("nông thôn mới");
    assertThat(buttons(settings))
        .contains("set:time:07:00", "set:off", "set:quiet", "set:stop")
        .anyMatch(b -> b.startsWith("set:topic:"));

    press(LAN, "set:time:07:00");
    assertThat(api.next("answerCallbackQuery")).isNotNull();
    assertThat(api.next("sendMessage").text()).contains("Đã đổi giờ nhận bản tin sang 07:00");
    assertThat(
            app.subscriptions()
                .find(
                    new vn.backancity.bot.delivery.Recipient(
                        "telegram", String.valueOf(LAN), "private"))
                .orElseThrow()
                .time())
        .isEqualTo("07:00");

    assertThat(say(LAN, "/huy nông thôn mới").text()).contains("Đã bỏ chủ đề “nông thôn mới”");
    assertThat(say(LAN, "/huy").text()).contains("Đã hủy đăng ký");
    assertThat(say(LAN, "/huy").text()).contains("chưa đăng ký");
    assertThat(app.subscriptions().activeCount()).isZero();
  }

  @Test
  void adminPreviewsAnAnnouncementAndOnlyGuiSendsIt() throws Exception {
    say(MINH, "/dangky");
    assertThat(say(MINH, "/thongbao Cắt điện").text()).contains("chỉ cán bộ quản trị");

    FakeBotApi.Call preview = say(LAN, "/thongbao Sáng mai 7h cắt điện phường Đức Xuân");
    assertThat(preview.text()).contains("sẽ gửi tới 1 người đăng ký").contains("cắt điện");
    List<String> buttons = buttons(preview);
    assertThat(buttons).hasSize(3);
    assertThat(buttons.get(1)).startsWith("ann:urgent:");
    String send = buttons.get(0);
    assertThat(send).startsWith("ann:send:");
    long id = Long.parseLong(send.substring("ann:send:".length()));
    assertThat(app.outbox().counts(id)).as("nothing queued before Gửi").isEmpty();

    press(MINH, send); // not an admin
    assertThat(api.next("answerCallbackQuery").body().path("text").asText())
        .contains("chỉ cán bộ quản trị");
    press(LAN, send);
    List<FakeBotApi.Call> messages = new ArrayList<>();
    while (messages.size() < 2) {
      FakeBotApi.Call c = api.next("sendMessage");
      messages.add(c);
    }
    assertThat(messages)
        .anySatisfy(
            c -> {
              assertThat(c.chatId()).isEqualTo(LAN);
              assertThat(c.text()).contains("Đã xếp thông báo #" + id + " để gửi tới 1 người");
            })
        .anySatisfy(
            c -> {
              assertThat(c.chatId()).isEqualTo(MINH);
              assertThat(c.text()).contains("Thông báo").contains("cắt điện phường Đức Xuân");
            });
    press(LAN, send); // pressed twice: not queued again
    assertThat(api.next("sendMessage").text()).contains("đã được gửi hoặc huỷ");
  }
}
