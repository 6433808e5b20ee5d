package vn.backancity.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.backancity.bot.bench.FakeBotApi;

/**
 * {@code telegram set-webhook} and {@code telegram set-profile} against a fake Bot API (its address
 * and the token given as system properties, which override the configuration file like the
 * environment does).
 */
class TelegramCommandTest {
  static final Map<String, String> PROPERTIES = new LinkedHashMap<>();

  @TempDir Path data;
  FakeBotApi api;

  @BeforeEach
  void start() throws Exception {
    api = new FakeBotApi();
    PROPERTIES.put("telegram.token", "123456:cli-token");
    PROPERTIES.put("telegram.webhook-secret", "cli-secret_1");
    PROPERTIES.put("telegram.api-url", api.url());
    PROPERTIES.put("server.public-url", "https://bot.backancity.example/");
    PROPERTIES.forEach(System::setProperty);
    ConfigFactory.invalidateCaches(); // system properties are read once and cached
  }

  @AfterEach
  void stop() {
    PROPERTIES.keySet().forEach(System::clearProperty);
    ConfigFactory.invalidateCaches();
    api.close();
  }

  int run(String... args) {
    return new CommandLine(new Cli()).execute(args);
  }

  @Test
  void setWebhookAsksForInlineQueriesAndSetsCommandsAndDescriptionsInVietnameseAndEnglish()
      throws Exception {
    assertThat(run("telegram", "set-webhook", "--data", data.toString())).isZero();

    FakeBotApi.Call webhook = api.next();
    assertThat(webhook.method()).isEqualTo("setwebhook");
    assertThat(webhook.body().path("url").asText())
        .isEqualTo("https://bot.backancity.example/telegram/webhook");
    assertThat(webhook.body().path("secret_token").asText()).isEqualTo("cli-secret_1");
    // A form field holding a JSON array.
    JsonNode allowed = new ObjectMapper().readTree(webhook.body().path("allowed_updates").asText());
    List<String> kinds = new ArrayList<>();
    allowed.forEach(k -> kinds.add(k.asText()));
    assertThat(kinds).contains("message", "callback_query", "my_chat_member", "inline_query");
    assertProfile(api.drain());
  }

  @Test
  void setProfileSetsOnlyTheProfileAndAFailureExitsNonZero() throws Exception {
    assertThat(run("telegram", "set-profile", "--data", data.toString())).isZero();
    List<FakeBotApi.Call> calls = api.drain();
    assertThat(calls).noneMatch(c -> c.method().equals("setwebhook"));
    assertProfile(calls);

    api.failMethodNext("setMyCommands", 1, 400, "Bad Request: BOT_COMMAND_INVALID");
    assertThat(run("telegram", "set-profile", "--data", data.toString())).isEqualTo(1);
  }

  /** Menu, description and short description: Vietnamese by default, English for "en". */
  static void assertProfile(List<FakeBotApi.Call> calls) {
    Map<String, List<JsonNode>> byMethod = new LinkedHashMap<>();
    for (FakeBotApi.Call c : calls) {
      byMethod.computeIfAbsent(c.method(), m -> new ArrayList<>()).add(c.body());
    }
    assertThat(byMethod.keySet())
        .containsExactly("setmycommands", "setmydescription", "setmyshortdescription");
    List<JsonNode> commands = byMethod.get("setmycommands");
    assertThat(commands).hasSize(2);
    JsonNode vi = commands.get(0);
    JsonNode en = commands.get(1);
    assertThat(vi.has("language_code")).as("Vietnamese for everyone").isFalse();
    assertThat(en.path("language_code").asText()).isEqualTo("en");
    assertThat(vi.path("scope").path("type").asText()).isEqualTo("default");
    List<String> names = new ArrayList<>();
    vi.path("commands").forEach(c -> names.add(c.path("command").asText()));
    assertThat(names)
        .containsExactly("tim", "moi", "dangky", "hoinguoi", "trangthai", "caidat", "huy", "help");
    assertThat(vi.path("commands").get(0).path("description").asText())
        .isEqualTo("Tìm bài viết trả lời câu hỏi");
    assertThat(en.path("commands").get(0).path("command").asText()).isEqualTo("tim");
    assertThat(en.path("commands").get(0).path("description").asText())
        .isEqualTo("Find articles that answer a question");

    List<JsonNode> descriptions = byMethod.get("setmydescription");
    assertThat(descriptions).hasSize(2);
    assertThat(descriptions.get(0).has("language_code")).isFalse();
    assertThat(descriptions.get(0).path("description").asText())
        .contains("thành phố Bắc Kạn")
        .hasSizeLessThanOrEqualTo(512);
    assertThat(descriptions.get(1).path("language_code").asText()).isEqualTo("en");
    assertThat(descriptions.get(1).path("description").asText()).contains("Type a question");

    List<JsonNode> about = byMethod.get("setmyshortdescription");
    assertThat(about).hasSize(2);
    assertThat(about.get(0).path("short_description").asText()).hasSizeLessThanOrEqualTo(120);
    assertThat(about.get(1).path("language_code").asText()).isEqualTo("en");
  }
}
