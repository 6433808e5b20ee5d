package vn.backancity.bot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.SECRET;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.assertValidTelegramHtml;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.fixture;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.postUpdate;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.telegramSettings;
import static vn.backancity.bot.telegram.TelegramEndToEndTest.withText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.backancity.bot.App;
import vn.backancity.bot.Service;
import vn.backancity.bot.answer.Answer;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.bench.FakeBotApi;
import vn.backancity.bot.testing.TestApps;

/**
 * Inline mode through the real webhook and inbox: "@BacKanCityBot câu hỏi" typed in another chat
 * reaches the server as an inline_query update and is answered with answerInlineQuery on the fake
 * Bot API.
 */
class TelegramInlineTest {
  static final String QUESTION = "tp bac kan co bao nhieu don vi hanh chinh";

  @TempDir Path data;
  FakeBotApi api;
  App app;
  Service service;
  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();
  int updateId = 820_000;

  @BeforeEach
  void start() throws Exception {
    api = new FakeBotApi();
    app = TestApps.withSeeds(data, telegramSettings(api));
    service = Service.start(app, "127.0.0.1", 1);
  }

  @AfterEach
  void stop() {
    service.close();
    app.close();
    api.close();
  }

  /** Posts an inline query; returns the answerInlineQuery call it got, and how long it took. */
  record Answered(JsonNode body, long millis) {
    List<JsonNode> results() {
      List<JsonNode> out = new ArrayList<>();
      body.path("results").forEach(out::add);
      return out;
    }

    List<String> titles() {
      return results().stream().map(r -> r.path("title").asText()).toList();
    }
  }

  Answered inline(String query) throws Exception {
    ObjectNode update = (ObjectNode) json.readTree(fixture("inline-query.json"));
    String id = "iq-" + (++updateId);
    update.put("update_id", updateId);
    ((ObjectNode) update.path("inline_query")).put("id", id).put("query", query);
    long start = System.nanoTime();
    assertThat(postUpdate(http, service.port(), update.toString(), SECRET).statusCode())
        .isEqualTo(200);
    FakeBotApi.Call call = api.next("answerInlineQuery");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(call.body().path("inline_query_id").asText()).isEqualTo(id);
    // Cached briefly by Telegram, for this user only.
    assertThat(call.body().path("cache_time").asInt()).isEqualTo(InlineAnswers.CACHE_SECONDS);
    return new Answered(call.body(), millis);
  }

  @Test
  void inlineQueryOffersTheChatsAnswersReadyToShareAndIsNotLogged() throws Exception {
    List<String> ranked =
        app.answerer().ask(QUESTION).answers().stream()
            .limit(InlineAnswers.MAX_RESULTS)
            .map(Answer::title)
            .toList();
    assertThat(ranked).isNotEmpty();

    Answered answered = inline(QUESTION);

    assertThat(answered.millis()).as("answered within Telegram's ~10 s").isLessThan(5_000);
    assertThat(answered.titles()).as("the same ranking as in a chat").isEqualTo(ranked);
    JsonNode first = answered.results().get(0);
    assertThat(first.path("type").asText()).isEqualTo("article");
    assertThat(first.path("id").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .hasSizeBetween(1, 64);
    assertThat(first.path("description").asText()).contains("đơn vị hành chính");
    JsonNode content = first.path("input_message_content");
    assertThat(content.path("parse_mode").asText()).isEqualTo("HTML");
    assertThat(content.path("link_preview_options").path("is_disabled").asBoolean()).isTrue();
    String shared = content.path("message_text").asText();
    assertValidTelegramHtml(shared);
    assertThat(shared)
        .startsWith("<b>" + ranked.get(0) + "</b>")
        .contains("8 <b>đơn vị hành chính</b>")
        .contains("href=\"http://bot.test/articles/004_c117ae27e64cf347\"");
    assertThat(first.path("reply_markup").toString())
        .contains("http://bot.test/articles/004_c117ae27e64cf347");
    assertThat(askedQuestions()).as("inline queries stay out of the question log").isZero();

    // The same question in a private chat starts with the same article.
    assertThat(
            postUpdate(http, service.port(), withText(QUESTION, ++updateId), SECRET).statusCode())
        .isEqualTo(200);
    assertThat(api.next("sendMessage").text()).contains("<b>1. " + ranked.get(0) + "</b>");
    assertThat(askedQuestions()).isEqualTo(1);
  }

  /**
   * Results were sent with is_personal=false for a Vietnamese user: Telegram could then serve that
   * Vietnamese answer, cached for 300 s, to an English-speaking user typing the same query.
   */
  @Test
  void aVietnameseUsersResultsAreNotSharedFromTelegramsCacheWithOtherUsers() throws Exception {
    Answered answered = inline(QUESTION);

    assertThat(answered.results()).isNotEmpty();
    assertThat(answered.body().path("is_personal").asBoolean(false))
        .as("cached for this user only: another user of the same query may read another language")
        .isTrue();
  }

  @Test
  void atMostFiveResultsAreOffered() throws Exception {
    List<Article> many = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      many.add(
          new Article(
              "ntm-" + i,
              "Xã thứ " + i + " về đích nông thôn mới",
              null,
              null,
              "Năm 2024, xã thứ " + i + " của thành phố đạt chuẩn nông thôn mới.",
              List.of("Nông thôn mới giúp người dân có thu nhập cao hơn " + i + " lần."),
              List.of(),
              null,
              List.of()));
    }
    app.publish(many);
    assertThat(app.answerer().ask("nông thôn mới").answers()).hasSizeGreaterThan(5);

    assertThat(inline("nông thôn mới").results()).hasSize(InlineAnswers.MAX_RESULTS);
  }

  @Test
  void emptyInlineQueryListsTheLatestArticles() throws Exception {
    List<String> latest = app.store().latest(5).stream().map(Article::title).toList();

    Answered answered = inline("");

    assertThat(answered.titles()).isEqualTo(latest);
    assertThat(answered.body().has("button")).isFalse();
    for (JsonNode result : answered.results()) {
      String shared = result.path("input_message_content").path("message_text").asText();
      assertValidTelegramHtml(shared);
      assertThat(shared).contains("http://bot.test/articles/");
    }
  }

  @Test
  void hugeOrUnansweredInlineQueryGetsNoResultsAndAWayToTheBot() throws Exception {
    for (String query :
        List.of("nông thôn mới ".repeat(30), "giá vàng hôm nay", "x".repeat(100_000))) {
      Answered answered = inline(query);

      assertThat(answered.results()).as("results for %.20s…", query).isEmpty();
      assertThat(answered.body().path("button").path("start_parameter").asText())
          .isEqualTo(InlineAnswers.START_PARAMETER);
      assertThat(answered.body().path("button").path("text").asText()).isNotBlank();
    }
    assertThat(askedQuestions()).isZero();
  }

  @Test
  void aRefusedInlineAnswerIsNotTriedAgain() throws Exception {
    // Telegram answers 400 "query is too old" once a query has waited too long: nothing to retry,
    // and the chat after it is answered as usual.
    api.failMethodNext("answerInlineQuery", 1, 400, "Bad Request: query is too old");
    inline(QUESTION);
    String key = String.valueOf(updateId);

    assertThat(postUpdate(http, service.port(), withText("/help", ++updateId), SECRET).statusCode())
        .isEqualTo(200);
    assertThat(api.next("sendMessage").text()).contains("/moi");
    assertThat(api.drain()).noneMatch(c -> c.method().equals("answerinlinequery"));
    try (Connection c = app.database().dataSource().getConnection();
        java.sql.PreparedStatement st =
            c.prepareStatement("SELECT status, attempts FROM inbox WHERE update_key = ?")) {
      st.setString(1, key);
      ResultSet rs = st.executeQuery();
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).as("handled, not waiting for a retry").isEqualTo("done");
      assertThat(rs.getInt(2)).isEqualTo(1);
    }
  }

  long askedQuestions() throws Exception {
    try (Connection c = app.database().dataSource().getConnection();
        ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM asked_questions")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
