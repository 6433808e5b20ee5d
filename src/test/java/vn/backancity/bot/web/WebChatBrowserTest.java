package vn.backancity.bot.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import vn.backancity.bot.App;
import vn.backancity.bot.article.Article;
import vn.backancity.bot.testing.AdminClient;
import vn.backancity.bot.testing.Browser;
import vn.backancity.bot.testing.BrowserSite;
import vn.backancity.bot.testing.GradedArticles;

/** The web chat in a real headless Chromium against the real server: answers and 👍 / 👎. */
class WebChatBrowserTest {
  static final String TOKEN = "browser-chat-token";

  @TempDir static Path data;
  static BrowserSite site;
  static Browser browser;
  static AdminClient admin;
  static String base;

  @BeforeAll
  static void start() throws Exception {
    site = BrowserSite.open(data, TOKEN);
    browser = site.browser();
    admin = site.admin(TOKEN);
    base = site.base();
  }

  @AfterAll
  static void stop() {
    site.close();
  }

  @BeforeEach
  void openChat() {
    Browser.assumeOpen(browser);
    browser.get(base + "/");
    browser.consoleProblems();
  }

  /** Asks on the page and returns the bot's bubble once the answer is in. */
  static WebElement ask(String question) {
    int before = browser.findAll(".msg.bot").size();
    browser.find("#q").sendKeys(question + "\n");
    return browser.await(
        d -> {
          var bots = browser.findAll(".msg.bot");
          WebElement last = bots.get(bots.size() - 1);
          return bots.size() > before && !last.getText().equals("Đang tìm...") ? last : null;
        });
  }

  static String pressed(String vote) {
    return browser.find(".vote[data-vote=" + vote + "]").getAttribute("aria-pressed");
  }

  @Test
  void aVoteCanBeChangedAndAThumbsDownMayCarryAReasonThatTheEditorsSee() throws Exception {
    WebElement answer = ask("Khu di tích Nà Pậu ở đâu?");
    assertThat(answer.getText()).contains("Nà Tẳng").doesNotContain("Câu trả lời chính thức");
    WebElement up = browser.find(".vote[data-vote=up]");
    assertThat(up.getAccessibleName()).isEqualTo("Hữu ích");
    assertThat(browser.find(".vote[data-vote=down]").getAccessibleName()).isEqualTo("Chưa đúng");
    assertThat(pressed("up")).isEqualTo("false");

    up.click();
    browser.await(d -> "true".equals(pressed("up")));
    assertThat(pressed("down")).isEqualTo("false");
    assertThat(browser.find(".reason").isDisplayed()).isFalse();
    assertThat(browser.find(".feedback .status").getText()).isEqualTo("Cảm ơn bạn đã đánh giá!");

    browser.find(".vote[data-vote=down]").click();
    browser.await(d -> "true".equals(pressed("down")));
    assertThat(pressed("up")).isEqualTo("false");
    browser.visible(".reason input").sendKeys("Thiếu giờ mở cửa");
    browser.find(".reason button").click();
    browser.await(d -> browser.find(".feedback .status").getText().equals("Cảm ơn góp ý của bạn!"));
    assertThat(pressed("down")).isEqualTo("true");

    JsonNode group =
        Browser.poll(
            () -> {
              JsonNode list =
                  admin
                      .json(admin.send("GET", "/api/admin/questions?status=disliked", null))
                      .path("questions");
              return list.isEmpty() ? null : list.get(0);
            });
    assertThat(group.path("question").asText()).isEqualTo("Khu di tích Nà Pậu ở đâu?");
    assertThat(group.path("reasons").toString()).contains("Thiếu giờ mở cửa");
    JsonNode totals =
        admin.json(admin.send("GET", "/api/admin/dashboard?days=14", null)).path("totals");
    assertThat(totals.path("up").asInt()).as("the 👍 was replaced").isZero();
    assertThat(totals.path("down").asInt()).isEqualTo(1);
    assertThat(browser.consoleProblems()).isEmpty();
  }

  @Test
  void aQuestionWithoutAnswersOffersNoVote() {
    WebElement answer = ask("giá vàng hôm nay");

    assertThat(answer.getText()).startsWith("Xin lỗi, tôi chưa tìm thấy");
    assertThat(browser.findAll(".feedback")).isEmpty();
  }

  @Test
  void markupInAnArticleIsShownAsText() throws Exception {
    String title = "Lễ hội <img src=x id=injected> Lồng tông 2026";
    assertThat(
            admin
                .send(
                    "POST",
                    "/api/admin/articles",
                    "{\"id\":\"long-tong\",\"title\":\""
                        + title
                        + "\",\"lead\":\"Lễ hội Lồng"
                        + " tông năm 2026 tổ chức tại sân vận động xã Dương Quang.\"}")
                .statusCode())
        .isEqualTo(201);

    WebElement answer = ask("Lễ hội Lồng tông tổ chức ở đâu?");

    assertThat(answer.getText()).contains(title);
    assertThat(browser.findAll("#injected")).isEmpty();
    assertThat(browser.consoleProblems()).isEmpty();
  }

  @Test
  void theLanguageSwitchTurnsThePageEnglishAndIsRememberedAcrossAReload() {
    try {
      assertThat(browser.find("html").getAttribute("lang")).isEqualTo("vi");
      assertThat(browser.find("header h1").getText())
          .isEqualTo("Hỏi đáp tin tức thành phố Bắc Kạn");
      browser.find("#lang button[data-lang=en]").click();
      assertThat(browser.find("html").getAttribute("lang")).isEqualTo("en");
      assertThat(browser.find("header h1").getText()).isEqualTo("Ask about Bắc Kạn city news");
      assertThat(browser.find("#q").getAttribute("placeholder")).isEqualTo("Type a question...");
      assertThat(browser.find("#lang button[data-lang=en]").getAttribute("aria-pressed"))
          .isEqualTo("true");

      browser.get(base + "/"); // remembered
      assertThat(browser.find("html").getAttribute("lang")).isEqualTo("en");
      assertThat(browser.find("#ask button").getText()).isEqualTo("Ask");
      WebElement answer =
          browser.await(
              d -> {
                browser.find("#q").sendKeys("nông thôn mới\n");
                return browser.await(
                    x -> {
                      var bots = browser.findAll(".msg.bot");
                      WebElement last = bots.get(bots.size() - 1);
                      return !last.getText().equals("Searching...") && bots.size() > 1
                          ? last
                          : null;
                    });
              });
      assertThat(answer.getText())
          .contains("Answers come from the Vietnamese articles")
          .contains("Read");
      assertThat(browser.find(".vote[data-vote=down]").getAccessibleName()).isEqualTo("Not right");

      browser.find("#lang button[data-lang=vi]").click();
      assertThat(browser.find("html").getAttribute("lang")).isEqualTo("vi");
      assertThat(browser.find("header p").getText()).startsWith("Gõ câu hỏi bằng tiếng Việt");
      assertThat(browser.consoleProblems()).isEmpty();
    } finally {
      browser.script("localStorage.removeItem('lang')");
    }
  }

  static void publish(String id, String title, String published, String body) throws Exception {
    String json =
        App.jsonMapper()
            .writeValueAsString(
                java.util.Map.of(
                    "id", id, "title", title, "published_at", published, "body", body));
    assertThat(admin.send("POST", "/api/admin/articles", json).statusCode()).isEqualTo(201);
  }

  @Test
  void anAskBackShowsChoicesAndTheChosenAnswerSuggestionsAndOldArticlesAreLabelled()
      throws Exception {
    for (Article a : GradedArticles.all()) {
      publish(a.id(), a.title(), a.publishedAt().toString(), String.join("\n\n", a.paragraphs()));
    }

    WebElement choices = ask(GradedArticles.AMBIGUOUS);
    assertThat(choices.getText()).contains("Bạn muốn hỏi về nội dung nào?");
    List<WebElement> buttons = choices.findElements(By.cssSelector("button.choice"));
    assertThat(buttons).hasSize(2);
    assertThat(choices.findElements(By.cssSelector(".answer"))).as("no wall of text").isEmpty();
    WebElement vaccination =
        buttons.stream().filter(b -> b.getText().contains("tiêm chủng")).findFirst().orElseThrow();
    vaccination.click();
    browser.await(d -> choices.findElements(By.cssSelector(".answer")).size() == 1);
    assertThat(choices.getText())
        .contains(GradedArticles.VACCINATION)
        .contains("Trạm y tế phường thông báo")
        .doesNotContain(GradedArticles.RUBBISH);
    assertThat(choices.findElements(By.cssSelector(".feedback"))).hasSize(1);

    WebElement related = ask(GradedArticles.PARTLY);
    assertThat(related.findElement(By.cssSelector(".answer.related .related-label")).getText())
        .isEqualToIgnoringCase("Có thể liên quan");
    assertThat(related.getText()).contains(GradedArticles.RUBBISH);

    WebElement old = ask("xã Xuất Hóa làm đường");
    assertThat(old.findElement(By.cssSelector(".answer .note")).getText())
        .isEqualTo("Bài viết trước ngày 01/7/2025, trước khi sắp xếp lại đơn vị hành chính.");
    assertThat(browser.consoleProblems()).isEmpty();
  }
}
